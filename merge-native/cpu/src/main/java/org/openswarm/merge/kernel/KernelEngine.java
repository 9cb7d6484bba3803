package org.openswarm.merge.kernel;

import java.util.Arrays;
import org.openswarm.api.merge.MergeEngine;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.merge.rules.MergeRules;
import org.openswarm.merge.rules.Weiszfeld;

/**
 * A {@link MergeEngine} over native {@link Kernels}: the rules of docs/merge-engines.md §3 from the Java engine's
 * bundle (org.openswarm.merge.rules: argument checks and messages, participants with weight 0 left out, weights
 * normalised, one participant copied, the GEOMEDIAN iteration control), the arithmetic in the kernels. double
 * tensors (F64, rare) go to the {@code fallback} engine, normally the Java one.
 */
public abstract class KernelEngine implements MergeEngine {
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
        MergeRules.Participants<float[]> active = MergeRules.participants(method, inputs, weights, out.length);
        float[][] x = active.inputs();
        float[] raw = active.weights();
        if (MergeRules.copiedSingle(method, x, out)) {
            return;
        }
        MergeParams prm = params == null ? MergeParams.defaults() : params;
        int n = x.length;
        if (n > kernels.maxInputs()) {
            fallback.merge(method, prm, x, raw, out);
            return;
        }
        if (out.length == 0) {
            return;
        }
        switch (method) {
            case MEAN -> mean(x, raw, out);
            case COORDMEDIAN -> {
                if (!MergeRules.equal(raw) || !kernels.median(x, out)) {
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
        kernels.mean(x, MergeRules.normalised(raw), out);
    }

    /** Weighted Weiszfeld as JavaMergeEngine.geomedian: the passes run in the kernels, the control here. */
    private void geomedian(float[][] x, float[] raw, double[] z) {
        if (kernels.geomedian(x, raw, Weiszfeld.TOLERANCE, Weiszfeld.MAX_ITERATIONS, Weiszfeld.MIN_DISTANCE, z)) {
            return;
        }
        if (kernels.nonFinite(x)) {
            Arrays.fill(z, Double.NaN);
            return;
        }
        Weiszfeld.run(raw, new Weiszfeld.Passes() {
            @Override
            public double combine(double[] coef) {
                return kernels.geoCombine(x, coef, z);
            }

            @Override
            public void distances(double[] d2) {
                kernels.geoDistances(x, z, d2);
            }
        });
    }

    @Override
    public void merge(MergeMethod method, MergeParams params, double[][] inputs, float[] weights, double[] out) {
        fallback.merge(method, params, inputs, weights, out);
    }

    @Override
    public void addSquaredDistances(float[][] inputs, double[][] acc) {
        MergeRules.checkDistances(inputs, acc);
        int n = inputs.length;
        if (n < 2) {
            return;
        }
        if (!kernels.hasPasses()) {
            fallback.addSquaredDistances(inputs, acc);
            return;
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
}
