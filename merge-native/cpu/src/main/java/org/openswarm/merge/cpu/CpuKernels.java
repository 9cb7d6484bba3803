package org.openswarm.merge.cpu;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Raw;

/**
 * JavaCPP binding of the CPU kernels (src/main/cpp/osw_merge_jni.h). The javacpp Maven plugin generates the JNI code
 * from these declarations and compiles it with the kernels into {@code linux-x86_64/libjniCpuKernels.so}.
 * {@code @Raw(withEnv = true)} hands the C++ side the JNIEnv and the Java arrays themselves, which it pins with
 * GetPrimitiveArrayCritical: the kernels read the engine's float[][] in place, with no copy. {@code threads}: 0 = one
 * per processor; results come back in a one-element {@code result} array (JavaCPP's generator rejects a primitive
 * return with {@code withEnv}). Loaded by {@link #load()}, never by JavaCPP's Loader (merge-notes §7).
 */
@Platform(value = "linux-x86_64", include = "osw_merge_jni.h", compiler = "cpp11")
public final class CpuKernels {
    static final String LIBRARY = "jniCpuKernels";

    private CpuKernels() {
    }

    /** Loads the library from this bundle; throws UnsatisfiedLinkError with the reason. */
    static void load() {
        org.openswarm.merge.kernel.NativeLibrary.load(CpuKernels.class, LIBRARY, System::loadLibrary, System::load);
    }

    @Raw(withEnv = true)
    static native void osw_mean(@Raw Object[] x, @Raw float[] w, @Raw float[] out, int threads);

    @Raw(withEnv = true)
    static native void osw_median(@Raw Object[] x, @Raw float[] out, int threads, @Raw int[] result);

    @Raw(withEnv = true)
    static native void osw_weighted_median(@Raw Object[] x, @Raw float[] raw, @Raw float[] out, int threads);

    @Raw(withEnv = true)
    static native void osw_trimmed_mean(@Raw Object[] x, @Raw float[] raw, int trim, @Raw float[] out, int threads);

    @Raw(withEnv = true)
    static native void osw_non_finite(@Raw Object[] x, int threads, @Raw int[] result);

    @Raw(withEnv = true)
    static native void osw_geo_distances(@Raw Object[] x, @Raw double[] z, @Raw double[] d2, int threads);

    @Raw(withEnv = true)
    static native void osw_geo_combine(@Raw Object[] x, @Raw double[] coef, @Raw double[] z, int threads,
            @Raw double[] result);

    @Raw(withEnv = true)
    static native void osw_squared_distances(@Raw Object[] x, @Raw double[] acc, int threads);

    /** 3: AVX-512 (x86-64-v4) code runs, 2: AVX2 (x86-64-v3), 0: baseline x86-64. */
    static native int osw_isa();

    static native int osw_max_threads();
}
