package org.openswarm.merge.rocm;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Raw;

/**
 * JavaCPP binding of the HIP kernels (merge-native/include/osw_merge_gpu.h, the same source as CUDA, glue
 * osw_merge_gpu_jni.h), compiled by hipcc for gfx90a (MI200) and gfx908 (MI100) and linked against the system ROCm's
 * libamdhip64. Built only when /usr/bin/hipcc exists (pom.xml profile). NOT verified on a GPU: no AMD GPU was
 * available to the project. Loaded by {@link #load()}, never by JavaCPP's Loader.
 */
@Platform(value = "linux-x86_64", include = "osw_merge_gpu_jni.h", compiler = "cpp11", link = "amdhip64")
public final class RocmKernels {
    static final String LIBRARY = "jniRocmKernels";

    private RocmKernels() {
    }

    static void load() {
        org.openswarm.merge.kernel.NativeLibrary.load(RocmKernels.class, LIBRARY, System::loadLibrary, System::load);
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
