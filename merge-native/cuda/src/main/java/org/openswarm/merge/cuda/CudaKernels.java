package org.openswarm.merge.cuda;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Raw;

/**
 * JavaCPP binding of the CUDA kernels (merge-native/include/osw_merge_gpu.h, glue osw_merge_gpu_jni.h), compiled by
 * nvcc for sm_80 and sm_90 plus compute_90 PTX with the CUDA runtime linked statically, so the library needs only
 * the driver's libcuda.so.1 (opened at run time: without a driver, the device count reports error 35). Built when
 * /usr/local/cuda/bin/nvcc exists (pom.xml profile); loaded by {@link #load()}, never by JavaCPP's Loader.
 */
@Platform(value = "linux-x86_64", include = "osw_merge_gpu_jni.h", compiler = "cpp11")
public final class CudaKernels {
    static final String LIBRARY = "jniCudaKernels";

    private CudaKernels() {
    }

    static void load() {
        org.openswarm.merge.kernel.NativeLibrary.load(CudaKernels.class, LIBRARY, System::loadLibrary, System::load);
    }

    static native String osw_gpu_describe_jni();

    static native int osw_gpu_device_count_jni();

    static native String osw_gpu_error_name_jni(int code);

    @Raw(withEnv = true)
    static native void osw_gpu_merge_jni(@Raw Object[] x, @Raw float[] w, int method, int trim, @Raw float[] out,
            @Raw int[] result);

    @Raw(withEnv = true)
    static native void osw_gpu_geomedian_jni(@Raw Object[] x, @Raw float[] raw, double tol, int maxIterations,
            double minDistance, @Raw double[] z, @Raw int[] result);
}
