package org.openswarm.merge.cuda;

import org.openswarm.merge.kernel.GpuCalls;
import org.openswarm.merge.kernel.GpuEngineRegistrar;

/** The CUDA library as a {@link GpuEngineRegistrar.Binding}. */
final class CudaBinding implements GpuEngineRegistrar.Binding, GpuCalls {
    @Override
    public void load() {
        CudaKernels.load();
    }

    @Override
    public int deviceCount() {
        return CudaKernels.osw_gpu_device_count_jni();
    }

    @Override
    public String describe() {
        return CudaKernels.osw_gpu_describe_jni();
    }

    @Override
    public GpuCalls calls() {
        return this;
    }

    @Override
    public int merge(float[][] x, float[] w, int method, int trim, float[] out) {
        int[] r = new int[1];
        CudaKernels.osw_gpu_merge_jni(x, w, method, trim, out, r);
        return r[0];
    }

    @Override
    public int geomedian(float[][] x, float[] raw, double tol, int maxIterations, double minDistance, double[] z) {
        int[] r = new int[1];
        CudaKernels.osw_gpu_geomedian_jni(x, raw, tol, maxIterations, minDistance, z, r);
        return r[0];
    }

    @Override
    public String errorName(int code) {
        return CudaKernels.osw_gpu_error_name_jni(code);
    }
}
