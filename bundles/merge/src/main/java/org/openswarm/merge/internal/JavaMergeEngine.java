package org.openswarm.merge.internal;

import java.util.Arrays;
import org.openswarm.api.merge.MergeEngine;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
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
    /** GEOMEDIAN: stop when the step's Euclidean norm is below this. */
    static final double GEOMEDIAN_TOLERANCE = 1e-6;
    static final int GEOMEDIAN_MAX_ITERATIONS = 1000;
    /** GEOMEDIAN: distances below this count as this (Weiszfeld divides by them). */
    static final double GEOMEDIAN_MIN_DISTANCE = 1e-12;

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
        check(inputs.length, weights, method);
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k].length != out.length) {
                throw new IllegalArgumentException("input " + k + " has " + inputs[k].length + " values, out has "
                        + out.length);
            }
        }
        int[] active = active(weights);
        float[][] x = new float[active.length][];
        float[] raw = new float[active.length];
        for (int a = 0; a < active.length; a++) {
            x[a] = inputs[active[a]];
            raw[a] = weights[active[a]];
        }
        int p = out.length;
        int n = x.length;
        long work = (long) n * p;
        MergeParams prm = params == null ? MergeParams.defaults() : params;
        if (n == 1 && method != MergeMethod.GEOMEDIAN) {
            System.arraycopy(x[0], 0, out, 0, p);
            return;
        }
        switch (method) {
            case MEAN -> mean(x, raw, out, work);
            case COORDMEDIAN -> {
                if (n <= MedianNetworks.MAX_N && equal(raw)) {
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
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        float[] w = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            w[k] = (float) (raw[k] / total);
        }
        parallel.split(work, out.length, (part, f, t) -> FloatKernels.mean(x, w, out, f, t));
    }

    @Override
    public void merge(MergeMethod method, MergeParams params, double[][] inputs, float[] weights, double[] out) {
        check(inputs.length, weights, method);
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k].length != out.length) {
                throw new IllegalArgumentException("input " + k + " has " + inputs[k].length + " values, out has "
                        + out.length);
            }
        }
        int[] active = active(weights);
        double[][] x = new double[active.length][];
        float[] raw = new float[active.length];
        for (int a = 0; a < active.length; a++) {
            x[a] = inputs[active[a]];
            raw[a] = weights[active[a]];
        }
        int p = out.length;
        int n = x.length;
        long work = (long) n * p;
        MergeParams prm = params == null ? MergeParams.defaults() : params;
        if (n == 1 && method != MergeMethod.GEOMEDIAN) {
            System.arraycopy(x[0], 0, out, 0, p);
            return;
        }
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
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        double[] w = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            w[k] = raw[k] / total;
        }
        parallel.split(work, out.length, (part, f, t) -> DoubleKernels.mean(x, w, out, f, t));
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
        int p = inputs[0].length;
        for (float[] x : inputs) {
            if (x.length != p) {
                throw new IllegalArgumentException("inputs differ in length: " + x.length + " and " + p);
            }
        }
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
     * Weighted Weiszfeld in double precision over the whole array as one point (xf or xd is given). Starts from the
     * weighted mean; stops when the step is below tolerance, after the iteration cap, when the step is not a
     * number, or when the step equals one of the three before it (a cycle). A non-finite input makes every output NaN.
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
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        double[] coef = new double[n];
        for (int k = 0; k < n; k++) {
            coef[k] = raw[k] / total;
        }
        double[] step = new double[parts];
        combine(xf, xd, coef, z, parts, step);
        double[] history = {Double.NaN, Double.NaN, Double.NaN};
        double[][] dist = new double[parts][n];
        for (int it = 0; it < GEOMEDIAN_MAX_ITERATIONS; it++) {
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
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double d2 = 0;
                for (double[] d : dist) {
                    d2 += d[k];
                }
                coef[k] = raw[k] / Math.max(Math.sqrt(d2), GEOMEDIAN_MIN_DISTANCE);
                sum += coef[k];
            }
            for (int k = 0; k < n; k++) {
                coef[k] /= sum;
            }
            double delta = Math.sqrt(combine(xf, xd, coef, z, parts, step));
            if (!(delta >= GEOMEDIAN_TOLERANCE)) {
                break;
            }
            if (delta == history[0] || delta == history[1] || delta == history[2]) {
                LOG.debug("geomedian: step {} repeats after {} iterations, stopping", delta, it + 1);
                break;
            }
            history[2] = history[1];
            history[1] = history[0];
            history[0] = delta;
        }
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

    private static int[] active(float[] weights) {
        return java.util.stream.IntStream.range(0, weights.length).filter(k -> weights[k] > 0).toArray();
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
