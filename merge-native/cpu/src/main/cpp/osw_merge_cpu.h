// CPU merge kernels: OpenMP over 64-aligned coordinate ranges, SIMD through gcc's auto-vectoriser inside
// target_clones (x86-64-v4 = AVX-512, x86-64-v3 = AVX2+FMA, default = SSE2), so one library picks the widest code the
// CPU runs at load time. Every kernel reads each input once per pass and follows the Java engine's arithmetic order
// (docs/merge-engines.md §3, §5), so MEAN and the median networks give bitwise the Java engine's results.
#pragma once
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <algorithm>
#include <vector>
#include "osw_merge_coord.h"
#include "osw_median_networks.h"

#if !defined(OSW_CLONES) && defined(__x86_64__)
#define OSW_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#elif !defined(OSW_CLONES)
#define OSW_CLONES
#endif
#define OSW_INLINE __attribute__((always_inline)) static inline

/** Input elements (N x P) below which a merge stays on the calling thread (as the Java engine: a hand-off costs). */
static const long OSW_SERIAL_WORK = 1L << 20;
/** Output block of the mean, floats: 8 KiB stays in L1 while 4 inputs stream past it. */
static const long OSW_BLOCK = 2048;

/** Threads to use: the caller's wish, else one per processor. */
static inline int osw_threads(int threads) {
    return threads > 0 ? threads : omp_get_num_procs();
}

/** Runs f(from, to, part) over up to `threads` 64-aligned slices of [0, p); returns the number of slices. */
template <class F> static int osw_parallel(long p, long work, int threads, F f) {
    int t = osw_threads(threads);
    long parts = std::min<long>(t, (p + 63) / 64);
    if (parts <= 1 || work < OSW_SERIAL_WORK) {
        f(0L, p, 0);
        return 1;
    }
#pragma omp parallel num_threads((int) parts)
    {
        // The team may be smaller than asked (OMP_DYNAMIC, thread limits): split by the team actually running.
        long team = omp_get_num_threads();
        long per = ((p + team - 1) / team + 63) / 64 * 64;
        int id = omp_get_thread_num();
        long from = std::min(p, id * per);
        long to = std::min(p, from + per);
        f(from, to, id);
    }
    return (int) parts;
}

/** Slices osw_parallel will use (for per-slice partial sums). */
static inline int osw_parts(long p, long work, int threads) {
    long parts = std::min<long>(osw_threads(threads), (p + 63) / 64);
    return parts <= 1 || work < OSW_SERIAL_WORK ? 1 : (int) parts;
}

// ---- MEAN: out = sum_k w[k] x[k], weights normalised; fma chain in peer order, 4 peers per pass over a block ----

OSW_INLINE void osw_first(const float* const* x, const float* w, int m, float* out, long b, long e) {
    const float* a = x[0];
    float wa = w[0];
#pragma GCC ivdep
    for (long i = b; i < e; i++) {
        float acc = a[i] * wa;
        for (int j = 1; j < m; j++) {
            acc = __builtin_fmaf(x[j][i], w[j], acc);
        }
        out[i] = acc;
    }
}

OSW_INLINE void osw_add4(const float* a, const float* b2, const float* c, const float* d, float wa, float wb, float wc,
        float wd, float* out, long b, long e) {
#pragma GCC ivdep
    for (long i = b; i < e; i++) {
        float acc = __builtin_fmaf(a[i], wa, out[i]);
        acc = __builtin_fmaf(b2[i], wb, acc);
        acc = __builtin_fmaf(c[i], wc, acc);
        out[i] = __builtin_fmaf(d[i], wd, acc);
    }
}

OSW_INLINE void osw_add1(const float* a, float wa, float* out, long b, long e) {
#pragma GCC ivdep
    for (long i = b; i < e; i++) {
        out[i] = __builtin_fmaf(a[i], wa, out[i]);
    }
}

OSW_INLINE void osw_first4(const float* const* x, const float* w, float* out, long b, long e) {
    const float *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
    float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
#pragma GCC ivdep
    for (long i = b; i < e; i++) {
        float acc = x0[i] * w0;
        acc = __builtin_fmaf(x1[i], w1, acc);
        acc = __builtin_fmaf(x2[i], w2, acc);
        out[i] = __builtin_fmaf(x3[i], w3, acc);
    }
}

OSW_CLONES static void osw_mean_range(const float* const* x, const float* w, int n, float* out, long from, long to) {
    for (long b = from; b < to; b += OSW_BLOCK) {
        long e = std::min(to, b + OSW_BLOCK);
        int k;
        if (n >= 4) {
            osw_first4(x, w, out, b, e);
            k = 4;
        } else {
            osw_first(x, w, n, out, b, e);
            k = n;
        }
        for (; k + 4 <= n; k += 4) {
            osw_add4(x[k], x[k + 1], x[k + 2], x[k + 3], w[k], w[k + 1], w[k + 2], w[k + 3], out, b, e);
        }
        for (; k < n; k++) {
            osw_add1(x[k], w[k], out, b, e);
        }
    }
}

// ---- COORDMEDIAN and TRIMMEDMEAN ----

OSW_CLONES static void osw_median_range(const float* const* x, int n, float* out, long from, long to) {
    osw_median_network(x, n, out, from, to);
}

/** The general path (weights, or N outside the networks): per-coordinate sort, as FloatKernels.weightedMedian. */
static void osw_weighted_median_range(const float* const* x, const float* raw, int n, float* out, long from, long to) {
    std::vector<float> v(n), w(n);
    double total = 0;
    for (int k = 0; k < n; k++) {
        total += raw[k];
    }
    for (long i = from; i < to; i++) {
        out[i] = osw_sort_at(x, raw, n, i, v.data(), w.data()) ? NAN
                : osw_weighted_median_sorted(v.data(), w.data(), n, total);
    }
}

static void osw_trimmed_range(const float* const* x, const float* raw, int n, int trim, float* out, long from,
        long to) {
    std::vector<float> v(n), w(n);
    for (long i = from; i < to; i++) {
        out[i] = osw_sort_at(x, raw, n, i, v.data(), w.data()) ? NAN
                : osw_trimmed_sorted(v.data(), w.data(), n, trim);
    }
}

// ---- GEOMEDIAN (Weiszfeld) passes, in double; the iteration control stays in Java ----

/** True if any value in [from, to) of any input is NaN or infinite (x - x is NaN exactly then). */
OSW_CLONES static bool osw_non_finite_range(const float* const* x, int n, long from, long to) {
    for (int k = 0; k < n; k++) {
        const float* a = x[k];
        int bad = 0;
#pragma omp simd reduction(|:bad)
        for (long i = from; i < to; i++) {
            float d = a[i] - a[i];
            bad |= d != d;
        }
        if (bad) {
            return true;
        }
    }
    return false;
}

/** d2[k] += sum_i (x[k][i] - z[i])^2 over [from, to). */
OSW_CLONES static void osw_geo_distances_range(const float* const* x, int n, const double* z, double* d2, long from,
        long to) {
    for (int k = 0; k < n; k++) {
        const float* a = x[k];
        double s = 0;
#pragma omp simd reduction(+:s)
        for (long i = from; i < to; i++) {
            double e = a[i] - z[i];
            s += e * e;
        }
        d2[k] += s;
    }
}

/** z = sum_k coef[k] x[k] over [from, to); returns sum (z_new - z_old)^2 there. */
OSW_CLONES static double osw_geo_combine_range(const float* const* x, int n, const double* coef, double* z, long from,
        long to) {
    double s = 0;
    for (long b = from; b < to; b += OSW_BLOCK) {
        long e = std::min(to, b + OSW_BLOCK);
        double acc[OSW_BLOCK];
        for (long i = b; i < e; i++) {
            acc[i - b] = 0;
        }
        for (int k = 0; k < n; k++) {
            const float* a = x[k];
            double c = coef[k];
#pragma omp simd
            for (long i = b; i < e; i++) {
                acc[i - b] += c * a[i];
            }
        }
#pragma omp simd reduction(+:s)
        for (long i = b; i < e; i++) {
            double d = acc[i - b] - z[i];
            s += d * d;
            z[i] = acc[i - b];
        }
    }
    return s;
}

// ---- KRUM: pairwise squared distances, float per block then double (as FloatKernels.squaredDistances) ----

OSW_CLONES static void osw_squared_distances_range(const float* const* x, int n, double* acc, long from, long to) {
    for (long b = from; b < to; b += OSW_BLOCK) {
        long e = std::min(to, b + OSW_BLOCK);
        for (int p = 0; p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                const float* xp = x[p];
                const float* xq = x[q];
                float s = 0;
#pragma omp simd reduction(+:s)
                for (long i = b; i < e; i++) {
                    float d = xp[i] - xq[i];
                    s += d * d;
                }
                acc[p * n + q] += s;
            }
        }
    }
}

/** Which target_clones variant runs here: 3 = x86-64-v4 (AVX-512), 2 = x86-64-v3 (AVX2), 0 = baseline. */
static inline int osw_isa_level() {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) {
        return 3;
    }
    if (__builtin_cpu_supports("x86-64-v3")) {
        return 2;
    }
#endif
    return 0;
}
