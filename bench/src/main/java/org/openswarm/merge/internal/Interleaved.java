package org.openswarm.merge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What the merge benchmarks share (scripts/bench-merge.sh, scripts/bench-merge-native.sh): their arguments, the inputs
 * of one (N, P), and the interleaved timing of merge-notes §1, where every variant runs once per round in rotating
 * order after at least 0.7 s of warm-up, so all of them see the same machine. Not a test.
 */
final class Interleaved {
    /** One thing to time. */
    record Variant(String name, Runnable run) {
    }

    /** {@code [--n 2,4,8,16] [--p 1000000,10000000] [--threads 0] [--big]} (--big adds P = 100M). */
    record Args(int[] ns, List<Integer> ps, int threads) {
        static Args parse(String[] args) {
            int[] ns = {2, 4, 8, 16};
            List<Integer> ps = new ArrayList<>(List.of(1_000_000, 10_000_000));
            int threads = 0;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--n" -> ns = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--p" -> {
                        ps.clear();
                        for (String s : args[++i].split(",")) {
                            ps.add(Integer.parseInt(s));
                        }
                    }
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--big" -> ps.add(100_000_000);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Args(ns, ps, threads);
        }
    }

    /** The inputs of one (N, P): N rows of uniform [-1, 1) floats, seeded by N and P. */
    static float[][] inputs(int n, int p) {
        Random r = new Random(n * 31L + p);
        float[][] x = new float[n][];
        for (int k = 0; k < n; k++) {
            float[] row = new float[p];
            for (int i = 0; i < p; i++) {
                row[i] = r.nextFloat() * 2 - 1;
            }
            x[k] = row;
        }
        return x;
    }

    /** Weights 1, 2, 3, 1, 2, 3, ... */
    static float[] weights(int n) {
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            w[k] = 1 + k % 3;
        }
        return w;
    }

    static float[] ones(int n) {
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        return w;
    }

    /** Milliseconds per round of each variant, {@code [variant][round]}; fewer rounds for bigger P. */
    static double[][] time(List<Variant> variants, int p) {
        int rounds = p <= 1_000_000 ? 41 : p <= 10_000_000 ? 15 : 7;
        for (Variant v : variants) { // warm-up: at least 0.7 s each
            long end = System.nanoTime() + 700_000_000L;
            do {
                v.run().run();
            } while (System.nanoTime() < end);
        }
        double[][] ms = new double[variants.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < variants.size(); j++) {
                int v = (j + round) % variants.size();
                long t0 = System.nanoTime();
                variants.get(v).run().run();
                ms[v][round] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    /** 1000000 as 1M. */
    static String label(int p) {
        return p % 1_000_000 == 0 ? p / 1_000_000 + "M" : Integer.toString(p);
    }

    private Interleaved() {
    }
}
