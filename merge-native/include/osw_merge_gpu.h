// GPU merge kernels, one source for CUDA (nvcc) and HIP (hipcc): the OSW_GPU(x) macro names the runtime call
// (cudaMalloc or hipMalloc). The rules are the CPU engine's (osw_merge_coord.h); MEAN is the same FMA chain in peer
// order. Host entry points return 0 or the runtime's error code, never abort.
//  * device-resident: osw_gpu_mean_dev works on device pointers (parameters already on the GPU: the fast case);
//  * host: osw_gpu_merge_host / osw_gpu_geomedian_host copy host arrays in, merge, copy the result back.
#pragma once
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <mutex>
#include "osw_merge_coord.h"

#if defined(__HIPCC__)
#include <hip/hip_runtime.h>
#define OSW_GPU(x) hip##x
#define OSW_GPU_NAME "HIP"
typedef hipDeviceProp_t OswGpuProp;
#else
#include <cuda_runtime.h>
#define OSW_GPU(x) cuda##x
#define OSW_GPU_NAME "CUDA"
typedef cudaDeviceProp OswGpuProp;
#endif

/** Peers one launch takes (pointers and weights passed by value: 64 x 12 B, under the 4 KiB parameter limit). */
#define OSW_GPU_MAX_N OSW_MAX_SORT
enum { OSW_MEAN = 0, OSW_MEDIAN = 1, OSW_TRIMMED = 2 };

struct OswGpuArgs {
    const float* x[OSW_GPU_MAX_N];
    float w[OSW_GPU_MAX_N];
};

/** out = sum_k w[k] x[k] (w normalised): grid-stride, float4 loads where the length allows. */
__global__ void osw_gpu_mean_kernel(OswGpuArgs a, int n, long p, float* out) {
    long stride = (long) gridDim.x * blockDim.x;
    long t = (long) blockIdx.x * blockDim.x + threadIdx.x;
    long p4 = p / 4;
    for (long i = t; i < p4; i += stride) {
        float4 v = ((const float4*) a.x[0])[i];
        float w0 = a.w[0];
        float4 acc = make_float4(v.x * w0, v.y * w0, v.z * w0, v.w * w0);
        for (int k = 1; k < n; k++) {
            float4 u = ((const float4*) a.x[k])[i];
            float wk = a.w[k];
            acc.x = fmaf(u.x, wk, acc.x);
            acc.y = fmaf(u.y, wk, acc.y);
            acc.z = fmaf(u.z, wk, acc.z);
            acc.w = fmaf(u.w, wk, acc.w);
        }
        ((float4*) out)[i] = acc;
    }
    for (long i = p4 * 4 + t; i < p; i += stride) {
        float acc = a.x[0][i] * a.w[0];
        for (int k = 1; k < n; k++) {
            acc = fmaf(a.x[k][i], a.w[k], acc);
        }
        out[i] = acc;
    }
}

/** Per-coordinate sort with weights: weighted median (method 1) or trimmed mean (method 2). */
__global__ void osw_gpu_sort_kernel(OswGpuArgs a, int n, long p, int method, int trim, double total, float* out) {
    float v[OSW_GPU_MAX_N];
    float w[OSW_GPU_MAX_N];
    long stride = (long) gridDim.x * blockDim.x;
    for (long i = (long) blockIdx.x * blockDim.x + threadIdx.x; i < p; i += stride) {
        bool nan = osw_sort_at(a.x, a.w, n, i, v, w);
        out[i] = nan ? NAN : method == OSW_MEDIAN ? osw_weighted_median_sorted(v, w, n, total)
                : osw_trimmed_sorted(v, w, n, trim);
    }
}

/** flag = 1 if any value is NaN or infinite. */
__global__ void osw_gpu_non_finite_kernel(OswGpuArgs a, int n, long p, int* flag) {
    long stride = (long) gridDim.x * blockDim.x;
    int bad = 0;
    for (long i = (long) blockIdx.x * blockDim.x + threadIdx.x; i < p; i += stride) {
        for (int k = 0; k < n; k++) {
            float d = a.x[k][i] - a.x[k][i];
            bad |= d != d;
        }
    }
    if (bad) {
        atomicOr(flag, 1);
    }
}

/**
 * Adds every thread's s into *target: a tree sum in the block's shared part[blockDim.x], then one atomicAdd. Every
 * thread of the block calls it; part may be reused once it returns.
 */
static __device__ void osw_gpu_block_add(double* part, double s, double* target) {
    part[threadIdx.x] = s;
    __syncthreads();
    for (int h = blockDim.x / 2; h > 0; h /= 2) {
        if (threadIdx.x < h) {
            part[threadIdx.x] += part[threadIdx.x + h];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        atomicAdd(target, part[0]);
    }
    __syncthreads();
}

/** d2[k] += ||x_k - z||^2: one block-reduced partial per block and peer. */
__global__ void osw_gpu_geo_distances_kernel(OswGpuArgs a, int n, long p, const double* z, double* d2) {
    __shared__ double part[256];
    long stride = (long) gridDim.x * blockDim.x;
    for (int k = 0; k < n; k++) {
        double s = 0;
        for (long i = (long) blockIdx.x * blockDim.x + threadIdx.x; i < p; i += stride) {
            double e = a.x[k][i] - z[i];
            s += e * e;
        }
        osw_gpu_block_add(part, s, &d2[k]);
    }
}

/** z = sum_k coef[k] x_k; step += ||z_new - z_old||^2. */
__global__ void osw_gpu_geo_combine_kernel(OswGpuArgs a, const double* coef, int n, long p, double* z, double* step) {
    __shared__ double part[256];
    long stride = (long) gridDim.x * blockDim.x;
    double s = 0;
    for (long i = (long) blockIdx.x * blockDim.x + threadIdx.x; i < p; i += stride) {
        double v = 0;
        for (int k = 0; k < n; k++) {
            v += coef[k] * a.x[k][i];
        }
        double e = v - z[i];
        s += e * e;
        z[i] = v;
    }
    osw_gpu_block_add(part, s, step);
}

static const int OSW_GPU_THREADS = 256;

static inline int osw_gpu_blocks(long p) {
    long b = (p + OSW_GPU_THREADS - 1) / OSW_GPU_THREADS;
    return (int) (b < 1 ? 1 : b > 65535 ? 65535 : b);
}

/** Devices visible, or minus the runtime's error code (35: driver too old or absent, 100: no device). */
static int osw_gpu_device_count() {
    int count = 0;
    OSW_GPU(Error_t) e = OSW_GPU(GetDeviceCount)(&count);
    return e == OSW_GPU(Success) ? count : -(int) e;
}

static const char* osw_gpu_error_name(int code) {
    return OSW_GPU(GetErrorName)((OSW_GPU(Error_t)) code);
}

/** One line about device 0 or why there is none, e.g. "NVIDIA H100 (cc 9.0, 79 GiB)" / "no CUDA device: ...". */
static const char* osw_gpu_describe() {
    static char line[256];
    int count = osw_gpu_device_count();
    if (count <= 0) {
        snprintf(line, sizeof line, "no %s device: %s (%d)", OSW_GPU_NAME,
                count == 0 ? "none found" : osw_gpu_error_name(-count), count == 0 ? 0 : -count);
        return line;
    }
    OswGpuProp prop;
    if (OSW_GPU(GetDeviceProperties)(&prop, 0) != OSW_GPU(Success)) {
        snprintf(line, sizeof line, "%d %s device(s)", count, OSW_GPU_NAME);
        return line;
    }
    snprintf(line, sizeof line, "%.120s (cc %d.%d, %.0f GiB, %d device(s))", prop.name, prop.major, prop.minor,
            prop.totalGlobalMem / 1073741824.0, count);
    return line;
}

static OswGpuArgs osw_gpu_args(const float* const* dx, const float* w, int n) {
    OswGpuArgs a;
    memset(&a, 0, sizeof a);
    for (int k = 0; k < n; k++) {
        a.x[k] = dx[k];
        a.w[k] = w == NULL ? 1.0f : w[k];
    }
    return a;
}

/** MEAN on device-resident inputs (w normalised, n <= OSW_GPU_MAX_N); asynchronous on `stream`. */
static int osw_gpu_mean_dev(const float* const* dx, const float* w, int n, long p, float* dout,
        OSW_GPU(Stream_t) stream) {
    if (n < 1 || n > OSW_GPU_MAX_N) {
        return -1;
    }
    osw_gpu_mean_kernel<<<osw_gpu_blocks((p + 3) / 4), OSW_GPU_THREADS, 0, stream>>>(osw_gpu_args(dx, w, n), n, p, dout);
    return (int) OSW_GPU(GetLastError)();
}

/** Device buffers reused between host merges (grown as needed); one merge at a time per process. */
struct OswGpuBuffers {
    std::mutex lock;
    float* in = NULL;
    float* out = NULL;
    double* z = NULL;
    double* scratch = NULL;
    size_t inBytes = 0;
    size_t pBytes = 0;
    int reserve(size_t in_bytes, long p) {
        if (in_bytes > inBytes) {
            OSW_GPU(Free)(in);
            in = NULL;
            inBytes = 0;
            int e = (int) OSW_GPU(Malloc)((void**) &in, in_bytes);
            if (e) {
                return e;
            }
            inBytes = in_bytes;
        }
        size_t pb = (size_t) (p < 1 ? 1 : p) * sizeof(double);
        if (pb > pBytes) {
            OSW_GPU(Free)(out);
            OSW_GPU(Free)(z);
            out = NULL;
            z = NULL;
            pBytes = 0;
            int e = (int) OSW_GPU(Malloc)((void**) &out, pb);
            if (!e) {
                e = (int) OSW_GPU(Malloc)((void**) &z, pb);
            }
            if (e) {
                return e;
            }
            pBytes = pb;
        }
        if (scratch == NULL) {
            int e = (int) OSW_GPU(Malloc)((void**) &scratch, (OSW_GPU_MAX_N * 2 + 2) * sizeof(double));
            if (e) {
                return e;
            }
        }
        return 0;
    }
};

static OswGpuBuffers& osw_gpu_buffers() {
    static OswGpuBuffers b;
    return b;
}

/** Copies n host inputs of p floats into the device buffer; fills dx with device pointers. */
static int osw_gpu_upload(OswGpuBuffers& b, const float* const* hx, int n, long p, const float** dx) {
    int e = b.reserve((size_t) n * p * sizeof(float) + 16 * n, p);
    if (e) {
        return e;
    }
    long stride = (p + 3) / 4 * 4; // keeps every input 16-byte aligned for the float4 loads
    for (int k = 0; k < n; k++) {
        dx[k] = b.in + (size_t) k * stride;
        e = (int) OSW_GPU(Memcpy)((void*) dx[k], hx[k], (size_t) p * sizeof(float), OSW_GPU(MemcpyHostToDevice));
        if (e) {
            return e;
        }
    }
    return 0;
}

/**
 * Checks n, uploads the n host inputs into the shared device buffers and runs body(b, dx) on them while holding the
 * buffers' lock. Returns body's result; 0 for p = 0, -1 for n outside 1..OSW_GPU_MAX_N, or the upload's error code.
 */
template <typename Body>
static int osw_gpu_on_uploaded(const float* const* hx, int n, long p, Body body) {
    if (n < 1 || n > OSW_GPU_MAX_N) {
        return -1;
    }
    if (p == 0) {
        return 0;
    }
    OswGpuBuffers& b = osw_gpu_buffers();
    std::lock_guard<std::mutex> guard(b.lock);
    const float* dx[OSW_GPU_MAX_N];
    int e = osw_gpu_upload(b, hx, n, p, dx);
    if (e) {
        return e;
    }
    return body(b, (const float* const*) dx);
}

/**
 * MEAN (w normalised), weighted median or trimmed mean (w = raw weights) of host arrays: upload, merge, download.
 * Returns 0 or the runtime's error code; -1 for n outside 1..OSW_GPU_MAX_N.
 */
static int osw_gpu_merge_host(int method, const float* const* hx, const float* w, int n, long p, int trim,
        float* hout) {
    return osw_gpu_on_uploaded(hx, n, p, [&](OswGpuBuffers& b, const float* const* dx) -> int {
        int e = 0;
        if (method == OSW_MEAN) {
            e = osw_gpu_mean_dev(dx, w, n, p, b.out, 0);
        } else {
            double total = 0;
            for (int k = 0; k < n; k++) {
                total += w[k];
            }
            osw_gpu_sort_kernel<<<osw_gpu_blocks(p), OSW_GPU_THREADS>>>(osw_gpu_args(dx, w, n), n, p, method, trim,
                    total, b.out);
            e = (int) OSW_GPU(GetLastError)();
        }
        if (e) {
            return e;
        }
        return (int) OSW_GPU(Memcpy)(hout, b.out, (size_t) p * sizeof(float), OSW_GPU(MemcpyDeviceToHost));
    });
}

/**
 * Weighted Weiszfeld on the device with the Java engine's control (KernelEngine.geomedian): start at the weighted
 * mean; stop below tol, after max_it, or when the step repeats one of the last three. The inputs are uploaded once.
 * z (host, p doubles) receives the result; NaN everywhere if any input is not finite.
 */
static int osw_gpu_geomedian_host(const float* const* hx, const float* raw, int n, long p, double tol, int max_it,
        double min_dist, double* z) {
    return osw_gpu_on_uploaded(hx, n, p, [&](OswGpuBuffers& b, const float* const* dx) -> int {
        int e = 0;
        OswGpuArgs a = osw_gpu_args(dx, NULL, n);
        int* flag = (int*) b.scratch;
        int bad = 0;
        OSW_GPU(Memset)(flag, 0, sizeof(int));
        osw_gpu_non_finite_kernel<<<osw_gpu_blocks(p), OSW_GPU_THREADS>>>(a, n, p, flag);
        if ((e = (int) OSW_GPU(Memcpy)(&bad, flag, sizeof(int), OSW_GPU(MemcpyDeviceToHost)))) {
            return e;
        }
        if (bad) {
            for (long i = 0; i < p; i++) {
                z[i] = NAN;
            }
            return 0;
        }
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += raw[k];
        }
        double coef[OSW_GPU_MAX_N];
        double d2[OSW_GPU_MAX_N];
        for (int k = 0; k < n; k++) {
            coef[k] = raw[k] / total;
        }
        double* dcoef = b.scratch;
        double* dd2 = b.scratch + OSW_GPU_MAX_N;
        double* dstep = b.scratch + 2 * OSW_GPU_MAX_N;
        double* dz = b.z;
        OSW_GPU(Memset)(dz, 0, (size_t) p * sizeof(double));
        double history[3] = {NAN, NAN, NAN};
        for (int it = -1; it < max_it; it++) {
            if (it >= 0) { // distances, then the new coefficients (on the host: n values)
                OSW_GPU(Memset)(dd2, 0, n * sizeof(double));
                osw_gpu_geo_distances_kernel<<<osw_gpu_blocks(p), OSW_GPU_THREADS>>>(a, n, p, dz, dd2);
                if ((e = (int) OSW_GPU(Memcpy)(d2, dd2, n * sizeof(double), OSW_GPU(MemcpyDeviceToHost)))) {
                    return e;
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double d = sqrt(d2[k]);
                    coef[k] = raw[k] / (d > min_dist ? d : min_dist);
                    sum += coef[k];
                }
                for (int k = 0; k < n; k++) {
                    coef[k] /= sum;
                }
            }
            double step = 0;
            OSW_GPU(Memcpy)(dcoef, coef, n * sizeof(double), OSW_GPU(MemcpyHostToDevice));
            OSW_GPU(Memset)(dstep, 0, sizeof(double));
            osw_gpu_geo_combine_kernel<<<osw_gpu_blocks(p), OSW_GPU_THREADS>>>(a, dcoef, n, p, dz, dstep);
            if ((e = (int) OSW_GPU(Memcpy)(&step, dstep, sizeof(double), OSW_GPU(MemcpyDeviceToHost)))) {
                return e;
            }
            if (it < 0) {
                continue; // the start point, the weighted mean
            }
            double delta = sqrt(step);
            if (!(delta >= tol) || delta == history[0] || delta == history[1] || delta == history[2]) {
                break;
            }
            history[2] = history[1];
            history[1] = history[0];
            history[0] = delta;
        }
        return (int) OSW_GPU(Memcpy)(z, dz, (size_t) p * sizeof(double), OSW_GPU(MemcpyDeviceToHost));
    });
}
