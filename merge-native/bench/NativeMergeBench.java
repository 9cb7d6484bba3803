package org.openswarm.merge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.merge.cpu.NativeMergeEngine;
import org.openswarm.merge.internal.Interleaved.Variant;

/**
 * Java engine vs native CPU engine, interleaved (merge-notes §1): for each (N, P) every variant runs once per round,
 * in rotating order, on the same float[][] in one JVM, beside the same-moment read roof of scripts/bench-merge.sh
 * ({@link MergeBench#roof}: a Vector API read-only sum over the same N inputs on the engine's threads). Prints
 * medians, input GB/s (N*P*4 bytes / time), ratio to the roof and native/java speed-up. Not a test: run by
 * scripts/bench-merge-native.sh. Args: [--n 2,4,8,16] [--p 1000000,10000000] [--threads 0] [--big] (adds 100M).
 */
public final class NativeMergeBench {
    private NativeMergeBench() {
    }

    public static void main(String[] args) {
        Interleaved.Args a = Interleaved.Args.parse(args);
        int threads = a.threads();
        try (JavaMergeEngine java = new JavaMergeEngine(threads); Parallel par = new Parallel(threads)) {
            NativeMergeEngine nat = new NativeMergeEngine(threads, java);
            System.out.printf(Locale.ROOT, "# JDK %s, java %d threads, native %d OpenMP threads, %s, OMP_WAIT_POLICY=%s%n",
                    System.getProperty("java.version"), java.threads(), nat.threads(), NativeMergeEngine.isa(),
                    System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
            System.out.println("| N | P | variant | median ms | min ms | input GB/s | ratio to roof | native/java |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int p : a.ps()) {
                for (int n : a.ns()) {
                    long need = 4L * n * p + 8L * p;
                    if (need > Runtime.getRuntime().maxMemory() - (256L << 20)) {
                        System.out.printf(Locale.ROOT, "| %d | %s | skipped: needs %.1f GB, heap %.1f GB | | | | | |%n",
                                n, Interleaved.label(p), need / 1e9, Runtime.getRuntime().maxMemory() / 1e9);
                        continue;
                    }
                    run(java, nat, par, n, p);
                }
            }
        }
    }

    private static void run(JavaMergeEngine java, NativeMergeEngine nat, Parallel par, int n, int p) {
        float[][] x = Interleaved.inputs(n, p);
        float[] w = Interleaved.weights(n);
        float[] ones = Interleaved.ones(n);
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
        double[][] ms = Interleaved.time(v, p);
        check(java, nat, x, w, ones, out, out2);
        double roof = Interleaved.median(ms[0]);
        double bytes = 4.0 * n * p;
        for (int i = 0; i < v.size(); i++) {
            double med = Interleaved.median(ms[i]);
            double min = Interleaved.min(ms[i]);
            String name = v.get(i).name();
            String speedup = "";
            if (name.startsWith("native-")) {
                double javaMed = Interleaved.median(ms[i - 1]);
                speedup = String.format(Locale.ROOT, "%.2fx", javaMed / med);
            }
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.3f | %.3f | %.1f | %.2f | %s |%n", n, Interleaved.label(p), name,
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
}
