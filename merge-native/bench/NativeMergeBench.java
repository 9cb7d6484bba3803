package org.openswarm.merge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.merge.cpu.NativeMergeEngine;

/**
 * Java engine vs native CPU engine, interleaved (merge-notes §1): for each (N, P) every variant runs once per round,
 * in rotating order, on the same float[][] in one JVM, beside the same-moment read roof of scripts/bench-merge.sh
 * ({@link MergeBench#roof}: a Vector API read-only sum over the same N inputs on the engine's threads). Prints
 * medians, input GB/s (N*P*4 bytes / time), ratio to the roof and native/java speed-up. Not a test: run by
 * scripts/bench-merge-native.sh. Args: [--n 2,4,8,16] [--p 1000000,10000000] [--threads 0] [--big] (adds 100M).
 */
public final class NativeMergeBench {
    private record Variant(String name, Runnable run) {
    }

    private NativeMergeBench() {
    }

    public static void main(String[] args) {
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
        try (JavaMergeEngine java = new JavaMergeEngine(threads); Parallel par = new Parallel(threads)) {
            NativeMergeEngine nat = new NativeMergeEngine(threads, java);
            System.out.printf(Locale.ROOT, "# JDK %s, java %d threads, native %d OpenMP threads, %s, OMP_WAIT_POLICY=%s%n",
                    System.getProperty("java.version"), java.threads(), nat.threads(), NativeMergeEngine.isa(),
                    System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
            System.out.println("| N | P | variant | median ms | min ms | input GB/s | ratio to roof | native/java |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int p : ps) {
                for (int n : ns) {
                    long need = 4L * n * p + 8L * p;
                    if (need > Runtime.getRuntime().maxMemory() - (256L << 20)) {
                        System.out.printf(Locale.ROOT, "| %d | %s | skipped: needs %.1f GB, heap %.1f GB | | | | | |%n",
                                n, label(p), need / 1e9, Runtime.getRuntime().maxMemory() / 1e9);
                        continue;
                    }
                    run(java, nat, par, n, p);
                }
            }
        }
    }

    private static void run(JavaMergeEngine java, NativeMergeEngine nat, Parallel par, int n, int p) {
        Random r = new Random(n * 31L + p);
        float[][] x = new float[n][];
        for (int k = 0; k < n; k++) {
            x[k] = new float[p];
            float[] row = x[k];
            for (int i = 0; i < p; i++) {
                row[i] = r.nextFloat() * 2 - 1;
            }
        }
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            w[k] = 1 + k % 3;
        }
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        float[] out = new float[p];
        float[] out2 = new float[p];
        double[] sink = new double[1];
        MergeParams prm = new MergeParams(0.25, 1);
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("roof-read", () -> sink[0] += MergeBench.roof(par, x)));
        v.add(new Variant("java-mean", () -> java.merge(MergeMethod.MEAN, prm, x, w, out)));
        v.add(new Variant("native-mean", () -> nat.merge(MergeMethod.MEAN, prm, x, w, out2)));
        v.add(new Variant("java-coordmedian", () -> java.merge(MergeMethod.COORDMEDIAN, prm, x, ones, out)));
        v.add(new Variant("native-coordmedian", () -> nat.merge(MergeMethod.COORDMEDIAN, prm, x, ones, out2)));
        if (p <= 1_000_000) { // per-coordinate sorts in both engines: seconds per merge at the bigger sizes
            v.add(new Variant("java-trimmedmean", () -> java.merge(MergeMethod.TRIMMEDMEAN, prm, x, w, out)));
            v.add(new Variant("native-trimmedmean", () -> nat.merge(MergeMethod.TRIMMEDMEAN, prm, x, w, out2)));
        }
        int rounds = p <= 1_000_000 ? 41 : p <= 10_000_000 ? 15 : 7;
        for (Variant va : v) { // warm-up: at least 0.7 s each
            long end = System.nanoTime() + 700_000_000L;
            do {
                va.run().run();
            } while (System.nanoTime() < end);
        }
        double[][] ms = new double[v.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < v.size(); j++) {
                int i = (j + round) % v.size();
                long t0 = System.nanoTime();
                v.get(i).run().run();
                ms[i][round] = (System.nanoTime() - t0) / 1e6;
            }
        }
        check(java, nat, x, w, ones, out, out2);
        double roof = median(ms[0]);
        double bytes = 4.0 * n * p;
        for (int i = 0; i < v.size(); i++) {
            double med = median(ms[i]);
            double min = Arrays.stream(ms[i]).min().orElse(0);
            String name = v.get(i).name();
            String speedup = "";
            if (name.startsWith("native-")) {
                double javaMed = median(ms[i - 1]);
                speedup = String.format(Locale.ROOT, "%.2fx", javaMed / med);
            }
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.3f | %.3f | %.1f | %.2f | %s |%n", n, label(p), name,
                    med, min, bytes / med / 1e6, roof / med, speedup);
        }
        if (sink[0] == 42) {
            System.out.println();
        }
    }

    /** The native results equal the Java engine's (MEAN and the median networks bitwise, see the unit tests). */
    private static void check(JavaMergeEngine java, NativeMergeEngine nat, float[][] x, float[] w, float[] ones,
            float[] a, float[] b) {
        for (MergeMethod m : new MergeMethod[] {MergeMethod.MEAN, MergeMethod.COORDMEDIAN}) {
            float[] ww = m == MergeMethod.MEAN ? w : ones;
            java.merge(m, null, x, ww, a);
            nat.merge(m, null, x, ww, b);
            for (int i = 0; i < a.length; i += 997) {
                if (Math.abs(a[i] - b[i]) > 1e-5f) {
                    throw new AssertionError(m + " differs at " + i + ": " + a[i] + " vs " + b[i]);
                }
            }
        }
    }

    private static String label(int p) {
        return p % 1_000_000 == 0 ? p / 1_000_000 + "M" : Integer.toString(p);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
