package org.openswarm.merge.kernel;

/**
 * {@link Kernels} on a GPU: each merge copies the counted inputs to the device, merges there and copies the result
 * back (the SPI's arrays live on the Java heap). GEOMEDIAN uploads once and iterates on the device; KRUM's distances
 * and merges of more than 64 participants go to the engine's fallback. A runtime error becomes an
 * IllegalStateException naming it.
 */
public final class GpuKernels implements Kernels {
    /** Participants one launch takes (OSW_GPU_MAX_N in osw_merge_gpu.h). */
    public static final int MAX_INPUTS = 64;

    private final String runtime;
    private final GpuCalls calls;

    public GpuKernels(String runtime, GpuCalls calls) {
        this.runtime = runtime;
        this.calls = calls;
    }

    private void check(int code, String what) {
        if (code != 0) {
            throw new IllegalStateException(runtime + " " + what + " failed: " + calls.errorName(code) + " (" + code
                    + ")");
        }
    }

    @Override
    public void mean(float[][] x, float[] w, float[] out) {
        check(calls.merge(x, w, 0, 0, out), "mean");
    }

    @Override
    public boolean median(float[][] x, float[] out) {
        return false; // the sort kernel covers the equal weights too
    }

    @Override
    public void weightedMedian(float[][] x, float[] raw, float[] out) {
        check(calls.merge(x, raw, 1, 0, out), "median");
    }

    @Override
    public void trimmedMean(float[][] x, float[] raw, int trim, float[] out) {
        check(calls.merge(x, raw, 2, trim, out), "trimmed mean");
    }

    @Override
    public boolean geomedian(float[][] x, float[] raw, double tol, int maxIterations, double minDistance,
            double[] z) {
        check(calls.geomedian(x, raw, tol, maxIterations, minDistance, z), "geomedian");
        return true;
    }

    @Override
    public boolean hasPasses() {
        return false;
    }

    @Override
    public int maxInputs() {
        return MAX_INPUTS;
    }

    @Override
    public boolean nonFinite(float[][] x) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void geoDistances(float[][] x, double[] z, double[] d2) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double geoCombine(float[][] x, double[] coef, double[] z) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void squaredDistances(float[][] x, double[] acc) {
        throw new UnsupportedOperationException();
    }
}
