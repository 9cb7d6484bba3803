package org.openswarm.merge.kernel;

/**
 * The float kernels of a native engine. Inputs are the counted participants only (weight &gt; 0), N &gt;= 2, all of
 * the same length as the output; {@link KernelEngine} has checked everything, so implementations only compute.
 */
public interface Kernels {
    /** out = sum_k w[k] x[k], w normalised to sum 1, fused multiply-add in peer order. */
    void mean(float[][] x, float[] w, float[] out);

    /** Unweighted median per coordinate; false if this N has no fast path (the caller then uses weightedMedian). */
    boolean median(float[][] x, float[] out);

    /** Weighted 0.5-quantile per coordinate ({@code raw}: unnormalised weights). */
    void weightedMedian(float[][] x, float[] raw, float[] out);

    /** Drops {@code trim} smallest and largest values per coordinate, weighted mean of the rest. */
    void trimmedMean(float[][] x, float[] raw, int trim, float[] out);

    /** True if any input holds a NaN or an infinity. */
    boolean nonFinite(float[][] x);

    /** d2[k] = ||x_k - z||^2 (one Weiszfeld distance pass). */
    void geoDistances(float[][] x, double[] z, double[] d2);

    /** z = sum_k coef[k] x_k (one Weiszfeld update pass); returns ||z_new - z_old||^2. */
    double geoCombine(float[][] x, double[] coef, double[] z);

    /** acc[i * n + j] += sum_c (x_i[c] - x_j[c])^2 for i &lt; j (n = x.length). */
    void squaredDistances(float[][] x, double[] acc);

    /**
     * The whole GEOMEDIAN iteration in one call, for kernels that keep the inputs on a device between passes (the
     * same control as {@link KernelEngine}); false: not provided, the engine runs the passes above.
     */
    default boolean geomedian(float[][] x, float[] raw, double tol, int maxIterations, double minDistance,
            double[] z) {
        return false;
    }

    /**
     * False if {@link #nonFinite}, {@link #geoDistances}, {@link #geoCombine} and {@link #squaredDistances} are not
     * provided (the engine then leaves GEOMEDIAN to {@link #geomedian} and KRUM's distances to its fallback).
     */
    default boolean hasPasses() {
        return true;
    }

    /** Most participants one call takes; the engine hands larger merges to its fallback. */
    default int maxInputs() {
        return Integer.MAX_VALUE;
    }
}
