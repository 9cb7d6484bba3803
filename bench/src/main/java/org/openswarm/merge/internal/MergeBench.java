package org.openswarm.merge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;

/**
 * Interleaved merge benchmark (merge-notes §1): for each (N, P) every variant runs once per round, in rotating order,
 * on the same data in one JVM, beside a same-moment read roof (a Vector API read-only sum over the same N inputs with
 * the engine's thread count). Reports medians, input GB/s (N*P*4 bytes / time) and ratio to the roof's median.
 * Run by scripts/bench-merge.sh. Args: [--n 2,4,8,16] [--p 1000000,10000000] [--threads 0] [--big] (adds P=100M).
 */
public final class MergeBench {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private interface Variant {
        String name();

        void run();
    }

    private MergeBench() {
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
        try (JavaMergeEngine engine = new JavaMergeEngine(threads); Parallel par = new Parallel(threads)) {
            System.out.printf(Locale.ROOT, "# JDK %s, %d threads, %s%n", System.getProperty("java.version"),
                    engine.threads(), S);
            System.out.println("| N | P | variant | median ms | min ms | input GB/s | ratio to roof |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int p : ps) {
                for (int n : ns) {
                    run(engine, par, n, p);
                }
            }
        }
    }

    private static void run(JavaMergeEngine engine, Parallel par, int n, int p) {
        Random r = new Random(n * 31L + p);
        float[][] x = new float[n][p];
        for (float[] row : x) {
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
        double[] sink = new double[1];
        List<Variant> variants = new ArrayList<>();
        variants.add(variant("roof-read", () -> sink[0] += roof(par, x)));
        variants.add(variant("java-mean", () -> engine.merge(MergeMethod.MEAN, MergeParams.defaults(), x, w, out)));
        variants.add(variant("naive-scalar-mean", () -> naive(x, w, out)));
        if (n == 8 || n == 16) {
            variants.add(variant("java-coordmedian", () -> engine.merge(MergeMethod.COORDMEDIAN,
                    MergeParams.defaults(), x, ones, out)));
        }
        int rounds = p <= 1_000_000 ? 41 : p <= 10_000_000 ? 15 : 7;
        for (Variant v : variants) { // warm-up: at least 0.7 s each
            long end = System.nanoTime() + 700_000_000L;
            do {
                v.run();
            } while (System.nanoTime() < end);
        }
        double[][] ms = new double[variants.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < variants.size(); j++) {
                int v = (j + round) % variants.size();
                long t0 = System.nanoTime();
                variants.get(v).run();
                ms[v][round] = (System.nanoTime() - t0) / 1e6;
            }
        }
        check(engine, x, w, out);
        double roof = median(ms[0]);
        double bytes = 4.0 * n * p;
        for (int v = 0; v < variants.size(); v++) {
            double med = median(ms[v]);
            double min = Arrays.stream(ms[v]).min().orElse(0);
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.3f | %.3f | %.1f | %.2f |%n", n, label(p),
                    variants.get(v).name(), med, min, bytes / med / 1e6, roof / med);
        }
        if (sink[0] == 42) {
            System.out.println();
        }
    }

    private static Variant variant(String name, Runnable r) {
        return new Variant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() {
                r.run();
            }
        };
    }

    private static String label(int p) {
        return p % 1_000_000 == 0 ? p / 1_000_000 + "M" : Integer.toString(p);
    }

    /** Reads every input once (4 independent vector accumulators), no store: the bandwidth roof. */
    static double roof(Parallel par, float[][] x) {
        int p = x[0].length;
        int parts = par.parts((long) x.length * p, p);
        double[] partial = new double[parts];
        par.run(parts, p, (part, from, to) -> {
            double s = 0;
            int step = 4 * S.length();
            int upper = from + (to - from) / step * step;
            for (float[] row : x) {
                FloatVector a = FloatVector.zero(S);
                FloatVector b = FloatVector.zero(S);
                FloatVector c = FloatVector.zero(S);
                FloatVector d = FloatVector.zero(S);
                int i = from;
                for (; i < upper; i += step) {
                    a = a.add(FloatVector.fromArray(S, row, i));
                    b = b.add(FloatVector.fromArray(S, row, i + S.length()));
                    c = c.add(FloatVector.fromArray(S, row, i + 2 * S.length()));
                    d = d.add(FloatVector.fromArray(S, row, i + 3 * S.length()));
                }
                s += a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
                for (; i < to; i++) {
                    s += row[i];
                }
            }
            partial[part] = s;
        });
        double s = 0;
        for (double v : partial) {
            s += v;
        }
        return s;
    }

    /** The straightforward scalar weighted mean, one thread, peers in the inner loop. */
    static void naive(float[][] x, float[] w, float[] out) {
        float total = 0;
        for (float v : w) {
            total += v;
        }
        int n = x.length;
        for (int i = 0; i < out.length; i++) {
            float s = 0;
            for (int k = 0; k < n; k++) {
                s += w[k] / total * x[k][i];
            }
            out[i] = s;
        }
    }

    private static void check(JavaMergeEngine engine, float[][] x, float[] w, float[] out) {
        engine.merge(MergeMethod.MEAN, MergeParams.defaults(), x, w, out);
        double total = 0;
        for (float v : w) {
            total += v;
        }
        for (int i = 0; i < out.length; i += 9973) {
            double e = 0;
            for (int k = 0; k < x.length; k++) {
                e += w[k] / total * x[k][i];
            }
            if (Math.abs(e - out[i]) > 1e-5) {
                throw new AssertionError("mean wrong at " + i + ": " + out[i] + " vs " + e);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
