package org.openswarm.merge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.merge.internal.Interleaved.Variant;

/**
 * Interleaved merge benchmark (merge-notes §1): for each (N, P) every variant runs once per round, in rotating order,
 * on the same data in one JVM, beside a same-moment read roof (a Vector API read-only sum over the same N inputs with
 * the engine's thread count). Reports medians, input GB/s (N*P*4 bytes / time) and ratio to the roof's median.
 * Run by scripts/bench-merge.sh. Args: [--n 2,4,8,16] [--p 1000000,10000000] [--threads 0] [--big] (adds P=100M).
 */
public final class MergeBench {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private MergeBench() {
    }

    public static void main(String[] args) {
        Interleaved.Args a = Interleaved.Args.parse(args);
        try (JavaMergeEngine engine = new JavaMergeEngine(a.threads()); Parallel par = new Parallel(a.threads())) {
            System.out.printf(Locale.ROOT, "# JDK %s, %d threads, %s%n", System.getProperty("java.version"),
                    engine.threads(), S);
            System.out.println("| N | P | variant | median ms | min ms | input GB/s | ratio to roof |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int p : a.ps()) {
                for (int n : a.ns()) {
                    run(engine, par, n, p);
                }
            }
        }
    }

    private static void run(JavaMergeEngine engine, Parallel par, int n, int p) {
        float[][] x = Interleaved.inputs(n, p);
        float[] w = Interleaved.weights(n);
        float[] ones = Interleaved.ones(n);
        float[] out = new float[p];
        double[] sink = new double[1];
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("roof-read", () -> sink[0] += roof(par, x)));
        variants.add(new Variant("java-mean",
                () -> engine.merge(MergeMethod.MEAN, MergeParams.defaults(), x, w, out)));
        variants.add(new Variant("naive-scalar-mean", () -> naive(x, w, out)));
        if (n == 8 || n == 16) {
            variants.add(new Variant("java-coordmedian", () -> engine.merge(MergeMethod.COORDMEDIAN,
                    MergeParams.defaults(), x, ones, out)));
        }
        double[][] ms = Interleaved.time(variants, p);
        check(engine, x, w, out);
        double roof = Interleaved.median(ms[0]);
        double bytes = 4.0 * n * p;
        for (int v = 0; v < variants.size(); v++) {
            double med = Interleaved.median(ms[v]);
            double min = Interleaved.min(ms[v]);
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.3f | %.3f | %.1f | %.2f |%n", n, Interleaved.label(p),
                    variants.get(v).name(), med, min, bytes / med / 1e6, roof / med);
        }
        if (sink[0] == 42) {
            System.out.println();
        }
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
}
