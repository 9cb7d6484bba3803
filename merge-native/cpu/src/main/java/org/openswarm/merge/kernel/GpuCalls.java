package org.openswarm.merge.kernel;

/** The native calls a GPU bundle (CUDA, ROCm) binds; each returns 0 or the GPU runtime's error code. */
public interface GpuCalls {
    /** method 0: MEAN (w normalised), 1: weighted median, 2: trimmed mean (w raw). */
    int merge(float[][] x, float[] w, int method, int trim, float[] out);

    int geomedian(float[][] x, float[] raw, double tol, int maxIterations, double minDistance, double[] z);

    /** The runtime's name of an error code, e.g. cudaErrorMemoryAllocation. */
    String errorName(int code);
}
