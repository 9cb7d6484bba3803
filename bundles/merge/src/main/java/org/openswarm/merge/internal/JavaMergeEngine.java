package org.openswarm.merge.internal;

import java.util.Arrays;
import org.openswarm.api.merge.MergeEngine;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.merge.rules.MergeRules;
import org.openswarm.merge.rules.Weiszfeld;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pure-Java merge engine: Vector API kernels (jdk.incubator.vector), multi-threaded over coordinate ranges with
 * a fixed pool, single-threaded below {@link Parallel#SERIAL_WORK}. The rules are those of {@link MergeEngine} and
 * docs/merge-engines.md; in particular MEAN is an FMA chain, coordinate-major for N &lt;= 8 and 4 peers at a time
 * over an L1-sized output block for N &gt; 8 (merge-notes §0), and the unweighted COORDMEDIAN of 2..16 inputs is a
 * pruned sorting network over vectors ({@link MedianNetworks}).
 */
@Component(service = MergeEngine.class, immediate = true, configurationPid = MergeConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"engine=java", "service.ranking:Integer=0"})
public final class JavaMergeEngine implements MergeEngine, AutoCloseable {
    static final String NAME = "java";

    private static final Logger LOG = LoggerFactory.getLogger(JavaMergeEngine.class);

    private final Parallel parallel;

    @Activate
    public JavaMergeEngine(MergeConfig config) {
        this(config.threads());
        LOG.info("Java merge engine: {} threads, {} float lanes", parallel.threads(), FloatKernels.S.length());
    }

    /** An engine with {@code threads} threads (0: one per available processor). */
    public JavaMergeEngine(int threads) {
        this.parallel = new Parallel(threads);
    }

    @Override
    public String name() {
        return NAME;
    }

    public int threads() {
        return parallel.threads();
    }

    @Deactivate
    @Override
    public void close() {
        parallel.close();
    }

    @Override
    public void merge(MergeMethod method, MergeParams params, float[][] inputs, float[] weights, float[] out) {
        MergeRules.Participants<float[]> active = MergeRules.participants(method, inputs, weights, out.length);
        float[][] x = active.inputs();
        float[] raw = active.weights();
        if (MergeRules.copiedSingle(method, x, out)) {
            return;
        }
        int p = out.length;
        int n = x.length;
        long work = (long) n * p;
        MergeParams prm = params == null ? MergeParams.defaults() : params;
        switch (method) {
            case MEAN -> mean(x, raw, out, work);
            case COORDMEDIAN -> {
                if (n <= MedianNetworks.MAX_N && MergeRules.equal(raw)) {
                    parallel.split(work, p, (part, f, t) -> MedianNetworks.median(x, out, f, t));
                } else {
                    parallel.split(work, p, (part, f, t) -> FloatKernels.weightedMedian(x, raw, out, f, t));
                }
            }
            case TRIMMEDMEAN -> {
                int trim = prm.trimCount(n);
                if (trim == 0) {
                    mean(x, raw, out, work);
                } else {
                    parallel.split(work, p, (part, f, t) -> FloatKernels.trimmedMean(x, raw, trim, out, f, t));
                }
            }
            case GEOMEDIAN -> {
                double[] z = new double[p];
                geomedian(x, null, raw, z);
                for (int i = 0; i < p; i++) {
                    out[i] = (float) z[i];
                }
            }
            default -> throw new IllegalStateException(method.name());
        }
    }

    private void mean(float[][] x, float[] raw, float[] out, long work) {
        float[] w = MergeRules.normalised(raw);
        parallel.split(work, out.length, (part, f, t) -> FloatKernels.mean(x, w, out, f, t));
    }

    @Override
    public void merge(MergeMethod method, MergeParams params, double[][] inputs, float[] weights, double[] out) {
        MergeRules.Participants<double[]> active = MergeRules.participants(method, inputs, weights, out.length);
        double[][] x = active.inputs();
        float[] raw = active.weights();
        if (MergeRules.copiedSingle(method, x, out)) {
            return;
        }
        int p = out.length;
        int n = x.length;
        long work = (long) n * p;
        MergeParams prm = params == null ? MergeParams.defaults() : params;
        switch (method) {
            case MEAN -> meanDouble(x, raw, out, work);
            case COORDMEDIAN ->
                parallel.split(work, p, (part, f, t) -> DoubleKernels.weightedMedian(x, raw, out, f, t));
            case TRIMMEDMEAN -> {
                int trim = prm.trimCount(n);
                if (trim == 0) {
                    meanDouble(x, raw, out, work);
                } else {
                    parallel.split(work, p, (part, f, t) -> DoubleKernels.trimmedMean(x, raw, trim, out, f, t));
                }
            }
            case GEOMEDIAN -> geomedian(null, x, raw, out);
            default -> throw new IllegalStateException(method.name());
        }
    }

    private void meanDouble(double[][] x, float[] raw, double[] out, long work) {
        double[] w = MergeRules.normalisedDouble(raw);
        parallel.split(work, out.length, (part, f, t) -> DoubleKernels.mean(x, w, out, f, t));
    }

    @Override
    public void addSquaredDistances(float[][] inputs, double[][] acc) {
        MergeRules.checkDistances(inputs, acc);
        int n = inputs.length;
        if (n < 2) {
            return;
        }
        int p = inputs[0].length;
        long work = (long) n * (n - 1) / 2 * p;
        int parts = parallel.parts(work, p);
        double[][][] partial = new double[parts][n][n];
        parallel.run(parts, p, (part, f, t) -> FloatKernels.squaredDistances(inputs, partial[part], f, t));
        for (double[][] part : partial) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    acc[i][j] += part[i][j];
                    acc[j][i] += part[i][j];
                }
            }
        }
    }

    /**
     * Weighted Weiszfeld in double precision over the whole array as one point (xf or xd is given): the control is
     * {@link Weiszfeld}'s, the two passes run here in parallel over coordinate ranges. A non-finite input makes every
     * output NaN.
     */
    private void geomedian(float[][] xf, double[][] xd, float[] raw, double[] z) {
        int n = xf != null ? xf.length : xd.length;
        int p = z.length;
        long work = (long) n * p;
        int parts = parallel.parts(work, p);
        boolean[] nonFinite = new boolean[parts];
        parallel.run(parts, p, (part, f, t) -> {
            for (int k = 0; k < n; k++) {
                for (int i = f; i < t; i++) {
                    double v = xf != null ? xf[k][i] : xd[k][i];
                    if (!Double.isFinite(v)) {
                        nonFinite[part] = true;
                        return;
                    }
                }
            }
        });
        for (boolean b : nonFinite) {
            if (b) {
                Arrays.fill(z, Double.NaN);
                return;
            }
        }
        double[] step = new double[parts];
        double[][] dist = new double[parts][n];
        Weiszfeld.run(raw, new Weiszfeld.Passes() {
            @Override
            public double combine(double[] coef) {
                return JavaMergeEngine.this.combine(xf, xd, coef, z, parts, step);
            }

            @Override
            public void distances(double[] d2) {
                for (double[] d : dist) {
                    Arrays.fill(d, 0);
                }
                parallel.run(parts, p, (part, f, t) -> {
                    double[] d = dist[part];
                    for (int k = 0; k < n; k++) {
                        double s = 0;
                        if (xf != null) {
                            float[] x = xf[k];
                            for (int i = f; i < t; i++) {
                                double e = x[i] - z[i];
                                s += e * e;
                            }
                        } else {
                            double[] x = xd[k];
                            for (int i = f; i < t; i++) {
                                double e = x[i] - z[i];
                                s += e * e;
                            }
                        }
                        d[k] = s;
                    }
                });
                for (int k = 0; k < n; k++) {
                    double sum = 0;
                    for (double[] d : dist) {
                        sum += d[k];
                    }
                    d2[k] = sum;
                }
            }
        });
    }

    /** z = sum_k coef[k] x[k]; returns ||z_new - z_old||^2. */
    private double combine(float[][] xf, double[][] xd, double[] coef, double[] z, int parts, double[] step) {
        int n = coef.length;
        Arrays.fill(step, 0);
        parallel.run(parts, z.length, (part, f, t) -> {
            double s = 0;
            for (int i = f; i < t; i++) {
                double v = 0;
                if (xf != null) {
                    for (int k = 0; k < n; k++) {
                        v += coef[k] * xf[k][i];
                    }
                } else {
                    for (int k = 0; k < n; k++) {
                        v += coef[k] * xd[k][i];
                    }
                }
                double e = v - z[i];
                s += e * e;
                z[i] = v;
            }
            step[part] = s;
        });
        double s = 0;
        for (double v : step) {
            s += v;
        }
        return s;
    }
}
