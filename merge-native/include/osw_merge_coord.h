// Per-coordinate merge rules shared by the CPU, CUDA and HIP kernels (docs/merge-engines.md §2-§3). Host and device
// compile the same code, so every engine selects and averages the same values as the Java engine's FloatKernels:
// an insertion sort of the N' values with their weights, then the weighted 0.5-quantile or the trimmed mean.
#pragma once

#if defined(__CUDACC__) || defined(__HIPCC__)
#define OSW_HD __host__ __device__
#else
#define OSW_HD
#endif

/** Upper bound on participants for the per-coordinate sort's local arrays (the engines fall back above it). */
#define OSW_MAX_SORT 64

/** Sorts the n values of coordinate i with their weights (ascending, stable); returns true if any value is NaN. */
OSW_HD static inline bool osw_sort_at(const float* const* x, const float* raw, int n, long i, float* v, float* w) {
    bool nan = false;
    for (int k = 0; k < n; k++) {
        float val = x[k][i];
        nan |= val != val;
        float wk = raw[k];
        int j = k - 1;
        while (j >= 0 && v[j] > val) {
            v[j + 1] = v[j];
            w[j + 1] = w[j];
            j--;
        }
        v[j + 1] = val;
        w[j + 1] = wk;
    }
    return nan;
}

/** Weighted 0.5-quantile of sorted values: first value whose cumulative weight passes half; exactly half: mean. */
OSW_HD static inline float osw_weighted_median_sorted(const float* v, const float* w, int n, double total) {
    double cum = 0;
    for (int j = 0; j < n; j++) {
        cum += w[j];
        double twice = 2 * cum;
        if (twice > total) {
            return v[j];
        }
        if (twice == total && j + 1 < n) {
            return 0.5f * v[j] + 0.5f * v[j + 1];
        }
    }
    return v[n - 1];
}

/** Weighted mean (in double) of sorted values without the trim smallest and trim largest. */
OSW_HD static inline float osw_trimmed_sorted(const float* v, const float* w, int n, int trim) {
    double sum = 0;
    double ws = 0;
    for (int j = trim; j < n - trim; j++) {
        sum += (double) w[j] * v[j];
        ws += w[j];
    }
    return (float) (sum / ws);
}
