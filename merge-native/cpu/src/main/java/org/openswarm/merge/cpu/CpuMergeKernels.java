package org.openswarm.merge.cpu;

import org.openswarm.merge.kernel.Kernels;

/** {@link Kernels} on the CPU library, with a fixed thread count (0: one per processor). */
final class CpuMergeKernels implements Kernels {
    private final int threads;

    CpuMergeKernels(int threads) {
        this.threads = threads;
    }

    @Override
    public void mean(float[][] x, float[] w, float[] out) {
        CpuKernels.osw_mean(x, w, out, threads);
    }

    @Override
    public boolean median(float[][] x, float[] out) {
        int[] r = new int[1];
        CpuKernels.osw_median(x, out, threads, r);
        return r[0] != 0;
    }

    @Override
    public void weightedMedian(float[][] x, float[] raw, float[] out) {
        CpuKernels.osw_weighted_median(x, raw, out, threads);
    }

    @Override
    public void trimmedMean(float[][] x, float[] raw, int trim, float[] out) {
        CpuKernels.osw_trimmed_mean(x, raw, trim, out, threads);
    }

    @Override
    public boolean nonFinite(float[][] x) {
        int[] r = new int[1];
        CpuKernels.osw_non_finite(x, threads, r);
        return r[0] != 0;
    }

    @Override
    public void geoDistances(float[][] x, double[] z, double[] d2) {
        CpuKernels.osw_geo_distances(x, z, d2, threads);
    }

    @Override
    public double geoCombine(float[][] x, double[] coef, double[] z) {
        double[] r = new double[1];
        CpuKernels.osw_geo_combine(x, coef, z, threads, r);
        return r[0];
    }

    @Override
    public void squaredDistances(float[][] x, double[] acc) {
        CpuKernels.osw_squared_distances(x, acc, threads);
    }
}
