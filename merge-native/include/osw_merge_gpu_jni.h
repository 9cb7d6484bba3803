// JNI side of the CUDA and ROCm engines, bound by JavaCPP (CudaKernels.java / RocmKernels.java): pins the engine's
// Java arrays, runs the host entry points of osw_merge_gpu.h (upload, merge, download), reports the runtime's error
// code in result[0] (0: success).
#pragma once
#include "osw_jni_pin.h"
#include "osw_merge_gpu.h"

static const char* osw_gpu_describe_jni() {
    return osw_gpu_describe();
}

static int osw_gpu_device_count_jni() {
    return osw_gpu_device_count();
}

static const char* osw_gpu_error_name_jni(int code) {
    return osw_gpu_error_name(code);
}

/** method 0: MEAN (w normalised), 1: weighted median, 2: trimmed mean (w raw). */
static void osw_gpu_merge_jni(JNIEnv* env, jclass, jobjectArray inputs, jfloatArray weights, int method, int trim,
        jfloatArray out, jintArray result) {
    std::vector<float> w = osw_floats(env, weights);
    jint e;
    {
        OswPinnedInputs x(env, inputs);
        OswPinned<float> o(env, out);
        if (!x.ok() || !o.ok()) {
            return;
        }
        e = osw_gpu_merge_host(method, x.data(), w.data(), x.size(), x.length(), trim, o.data());
    }
    env->SetIntArrayRegion(result, 0, 1, &e);
}

static void osw_gpu_geomedian_jni(JNIEnv* env, jclass, jobjectArray inputs, jfloatArray raw, double tol, int max_it,
        double min_dist, jdoubleArray z, jintArray result) {
    std::vector<float> w = osw_floats(env, raw);
    jint e;
    {
        OswPinnedInputs x(env, inputs);
        OswPinned<double> zz(env, z);
        if (!x.ok() || !zz.ok()) {
            return;
        }
        e = osw_gpu_geomedian_host(x.data(), w.data(), x.size(), x.length(), tol, max_it, min_dist, zz.data());
    }
    env->SetIntArrayRegion(result, 0, 1, &e);
}
