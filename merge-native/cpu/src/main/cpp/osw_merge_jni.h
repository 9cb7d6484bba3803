// JNI side of the CPU engine, bound by JavaCPP (CpuKernels.java, @Raw(withEnv = true)): the engine passes the Java
// engine's own float[][] arrays; they are pinned with GetPrimitiveArrayCritical for the duration of one kernel call
// (no copy on HotSpot), so the kernel reads the heap arrays in place. Nothing else calls into the JVM while pinned.
#pragma once
#include <jni.h>
#include <vector>
#include "osw_merge_cpu.h"
#include "osw_jni_pin.h"

// Pins the inputs and out (after any other JNI call of the caller), then runs
// range(rows, n, out, from, to) over out's coordinates on the worker threads.
template <typename Range>
static void osw_rows_to_out(JNIEnv* env, jobjectArray inputs, jfloatArray out, int threads, Range range) {
    long p = env->GetArrayLength(out);
    OswPinnedInputs x(env, inputs);
    OswPinned<float> o(env, out);
    if (!x.ok() || !o.ok()) {
        return;
    }
    int n = x.size();
    osw_parallel(p, n * p, threads, [&](long f, long t, int) { range(x.data(), n, o.data(), f, t); });
}

static void osw_mean(JNIEnv* env, jclass, jobjectArray inputs, jfloatArray weights, jfloatArray out, int threads) {
    std::vector<float> w = osw_floats(env, weights);
    osw_rows_to_out(env, inputs, out, threads, [&](const float* const* x, int n, float* o, long f, long t) {
        osw_mean_range(x, w.data(), n, o, f, t);
    });
}

/** Unweighted median; false (nothing written) if there is no network for this N. */
static void osw_median(JNIEnv* env, jclass, jobjectArray inputs, jfloatArray out, int threads, jintArray result) {
    int peers = env->GetArrayLength(inputs);
    jint done = peers >= 2 && peers <= OSW_MEDIAN_MAX_N;
    env->SetIntArrayRegion(result, 0, 1, &done);
    if (!done) {
        return;
    }
    osw_rows_to_out(env, inputs, out, threads, [&](const float* const* x, int n, float* o, long f, long t) {
        osw_median_range(x, n, o, f, t);
    });
}

static void osw_weighted_median(JNIEnv* env, jclass, jobjectArray inputs, jfloatArray raw, jfloatArray out,
        int threads) {
    std::vector<float> w = osw_floats(env, raw);
    osw_rows_to_out(env, inputs, out, threads, [&](const float* const* x, int n, float* o, long f, long t) {
        osw_weighted_median_range(x, w.data(), n, o, f, t);
    });
}

static void osw_trimmed_mean(JNIEnv* env, jclass, jobjectArray inputs, jfloatArray raw, int trim, jfloatArray out,
        int threads) {
    std::vector<float> w = osw_floats(env, raw);
    osw_rows_to_out(env, inputs, out, threads, [&](const float* const* x, int n, float* o, long f, long t) {
        osw_trimmed_range(x, w.data(), n, trim, o, f, t);
    });
}

static void osw_non_finite(JNIEnv* env, jclass, jobjectArray inputs, int threads, jintArray result) {
    jint any = 0;
    {
        OswPinnedInputs x(env, inputs);
        if (!x.ok()) {
            return;
        }
        long p = x.length();
        int n = x.size();
        int parts = osw_parts(p, n * p, threads);
        std::vector<char> bad(parts, 0);
        osw_parallel(p, n * p, threads, [&](long f, long t, int id) { bad[id] = osw_non_finite_range(x.data(), n, f, t); });
        for (char b : bad) {
            any |= b;
        }
    }
    env->SetIntArrayRegion(result, 0, 1, &any);
}

/** d2[k] = ||x_k - z||^2 (overwritten). */
static void osw_geo_distances(JNIEnv* env, jclass, jobjectArray inputs, jdoubleArray z, jdoubleArray d2,
        int threads) {
    int n = env->GetArrayLength(inputs);
    long p = env->GetArrayLength(z);
    int parts = osw_parts(p, n * p, threads);
    std::vector<double> partial((size_t) parts * n, 0.0);
    {
        OswPinnedInputs x(env, inputs);
        OswPinned<double> zz(env, z);
        if (!x.ok() || !zz.ok()) {
            return;
        }
        osw_parallel(p, n * p, threads, [&](long f, long t, int id) {
            osw_geo_distances_range(x.data(), n, zz.data(), partial.data() + (size_t) id * n, f, t);
        });
    }
    std::vector<double> sum(n, 0.0);
    for (int id = 0; id < parts; id++) {
        for (int k = 0; k < n; k++) {
            sum[k] += partial[(size_t) id * n + k];
        }
    }
    env->SetDoubleArrayRegion(d2, 0, n, sum.data());
}

/** z = sum_k coef[k] x_k; returns ||z_new - z_old||^2. */
static void osw_geo_combine(JNIEnv* env, jclass, jobjectArray inputs, jdoubleArray coef, jdoubleArray z,
        int threads, jdoubleArray result) {
    std::vector<double> c = osw_doubles(env, coef);
    int n = (int) c.size();
    long p = env->GetArrayLength(z);
    int parts = osw_parts(p, n * p, threads);
    std::vector<double> step(parts, 0.0);
    {
        OswPinnedInputs x(env, inputs);
        OswPinned<double> zz(env, z);
        if (!x.ok() || !zz.ok()) {
            return;
        }
        osw_parallel(p, n * p, threads, [&](long f, long t, int id) {
            step[id] = osw_geo_combine_range(x.data(), n, c.data(), zz.data(), f, t);
        });
    }
    double s = 0;
    for (double v : step) {
        s += v;
    }
    env->SetDoubleArrayRegion(result, 0, 1, &s);
}

/** acc (n x n, row-major) += pairwise squared distances, i < j only (the caller mirrors). */
static void osw_squared_distances(JNIEnv* env, jclass, jobjectArray inputs, jdoubleArray acc, int threads) {
    int n = env->GetArrayLength(inputs);
    std::vector<double> a = osw_doubles(env, acc);
    long p;
    {
        OswPinnedInputs x(env, inputs);
        if (!x.ok()) {
            return;
        }
        p = x.length();
        long work = (long) n * (n - 1) / 2 * p;
        int parts = osw_parts(p, work, threads);
        std::vector<double> partial((size_t) parts * n * n, 0.0);
        osw_parallel(p, work, threads, [&](long f, long t, int id) {
            osw_squared_distances_range(x.data(), n, partial.data() + (size_t) id * n * n, f, t);
        });
        for (int id = 0; id < parts; id++) {
            for (size_t c = 0; c < (size_t) n * n; c++) {
                a[c] += partial[(size_t) id * n * n + c];
            }
        }
    }
    env->SetDoubleArrayRegion(acc, 0, (jsize) a.size(), a.data());
}

static int osw_isa() {
    return osw_isa_level();
}

static int osw_max_threads() {
    return omp_get_num_procs();
}
