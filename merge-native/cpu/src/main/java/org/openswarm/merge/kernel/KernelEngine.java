package org.openswarm.merge.kernel;

import java.util.Arrays;
import org.openswarm.api.merge.MergeEngine;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;

/**
 * A {@link MergeEngine} over native {@link Kernels}: the rules of docs/merge-engines.md §3 in Java (argument checks
 * with the Java engine's messages, participants with weight 0 left out, one participant copied, weights normalised,
 * the GEOMEDIAN iteration control with the same tolerance and guards), the arithmetic in the kernels. double tensors
 * (F64, rare) go to the {@code fallback} engine, normally the Java one.
 */
public abstract class KernelEngine implements MergeEngine {
    /** GEOMEDIAN: the Java engine's constants (JavaMergeEngine). */
    static final double GEOMEDIAN_TOLERANCE = 1e-6;
    static final int GEOMEDIAN_MAX_ITERATIONS = 1000;
    static final double GEOMEDIAN_MIN_DISTANCE = 1e-12;

    private final String name;
    private final Kernels kernels;
    private final MergeEngine fallback;

    protected KernelEngine(String name, Kernels kernels, MergeEngine fallback) {
        this.name = name;
        this.kernels = kernels;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void merge(MergeMethod method, MergeParams params, float[][] inputs, float[] weights, float[] out) {
        check(inputs.length, weights, method);
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k].length != out.length) {
                throw new IllegalArgumentException("input " + k + " has " + inputs[k].length + " values, out has "
                        + out.length);
            }
        }
        int[] active = java.util.stream.IntStream.range(0, weights.length).filter(k -> weights[k] > 0).toArray();
        float[][] x = new float[active.length][];
        float[] raw = new float[active.length];
        for (int a = 0; a < active.length; a++) {
            x[a] = inputs[active[a]];
            raw[a] = weights[active[a]];
        }
        MergeParams prm = params == null ? MergeParams.defaults() : params;
        int n = x.length;
        if (n > kernels.maxInputs()) {
            fallback.merge(method, prm, x, raw, out);
            return;
        }
        if (n == 1 && method != MergeMethod.GEOMEDIAN) {
            System.arraycopy(x[0], 0, out, 0, out.length);
            return;
        }
        if (out.length == 0) {
            return;
        }
        switch (method) {
            case MEAN -> mean(x, raw, out);
            case COORDMEDIAN -> {
                if (!equal(raw) || !kernels.median(x, out)) {
                    kernels.weightedMedian(x, raw, out);
                }
            }
            case TRIMMEDMEAN -> {
                int trim = prm.trimCount(n);
                if (trim == 0) {
                    mean(x, raw, out);
                } else {
                    kernels.trimmedMean(x, raw, trim, out);
                }
            }
            case GEOMEDIAN -> {
                double[] z = new double[out.length];
                geomedian(x, raw, z);
                for (int i = 0; i < z.length; i++) {
                    out[i] = (float) z[i];
                }
            }
            default -> throw new IllegalStateException(method.name());
        }
    }

    private void mean(float[][] x, float[] raw, float[] out) {
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        float[] w = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            w[k] = (float) (raw[k] / total);
        }
        kernels.mean(x, w, out);
    }

    /** Weighted Weiszfeld as JavaMergeEngine.geomedian: the passes run in the kernels, the control here. */
    private void geomedian(float[][] x, float[] raw, double[] z) {
        if (kernels.geomedian(x, raw, GEOMEDIAN_TOLERANCE, GEOMEDIAN_MAX_ITERATIONS, GEOMEDIAN_MIN_DISTANCE, z)) {
            return;
        }
        if (kernels.nonFinite(x)) {
            Arrays.fill(z, Double.NaN);
            return;
        }
        int n = x.length;
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        double[] coef = new double[n];
        for (int k = 0; k < n; k++) {
            coef[k] = raw[k] / total;
        }
        kernels.geoCombine(x, coef, z);
        double[] history = {Double.NaN, Double.NaN, Double.NaN};
        double[] d2 = new double[n];
        for (int it = 0; it < GEOMEDIAN_MAX_ITERATIONS; it++) {
            kernels.geoDistances(x, z, d2);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                coef[k] = raw[k] / Math.max(Math.sqrt(d2[k]), GEOMEDIAN_MIN_DISTANCE);
                sum += coef[k];
            }
            for (int k = 0; k < n; k++) {
                coef[k] /= sum;
            }
            double delta = Math.sqrt(kernels.geoCombine(x, coef, z));
            if (!(delta >= GEOMEDIAN_TOLERANCE)) {
                break;
            }
            if (delta == history[0] || delta == history[1] || delta == history[2]) {
                break;
            }
            history[2] = history[1];
            history[1] = history[0];
            history[0] = delta;
        }
    }

    @Override
    public void merge(MergeMethod method, MergeParams params, double[][] inputs, float[] weights, double[] out) {
        fallback.merge(method, params, inputs, weights, out);
    }

    @Override
    public void addSquaredDistances(float[][] inputs, double[][] acc) {
        int n = inputs.length;
        if (acc.length != n) {
            throw new IllegalArgumentException("acc is " + acc.length + " rows for " + n + " inputs");
        }
        if (n < 2) {
            return;
        }
        if (!kernels.hasPasses()) {
            fallback.addSquaredDistances(inputs, acc);
            return;
        }
        int p = inputs[0].length;
        for (float[] x : inputs) {
            if (x.length != p) {
                throw new IllegalArgumentException("inputs differ in length: " + x.length + " and " + p);
            }
        }
        double[] flat = new double[n * n];
        kernels.squaredDistances(inputs, flat);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                acc[i][j] += flat[i * n + j];
                acc[j][i] += flat[i * n + j];
            }
        }
    }

    private static void check(int n, float[] weights, MergeMethod method) {
        if (method == MergeMethod.KRUM) {
            throw new IllegalArgumentException("KRUM selects a whole model: the model merger scores participants "
                    + "with addSquaredDistances; it is not a per-tensor merge");
        }
        if (n < 1) {
            throw new IllegalArgumentException("no inputs to merge");
        }
        if (weights.length != n) {
            throw new IllegalArgumentException(n + " inputs but " + weights.length + " weights");
        }
        boolean any = false;
        for (int k = 0; k < n; k++) {
            float w = weights[k];
            if (!(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("weight " + k + " is " + w + ": weights must be finite and >= 0");
            }
            any |= w > 0;
        }
        if (!any) {
            throw new IllegalArgumentException("every weight is 0: nothing to merge");
        }
    }

    private static boolean equal(float[] raw) {
        for (float r : raw) {
            if (r != raw[0]) {
                return false;
            }
        }
        return true;
    }
}
