// gpu-check: a self-contained harness for a machine with an NVIDIA GPU and no Maven or network (built here by
// merge-native/build-gpu-check.sh with nvcc -cudart static; run by gpu-check.sh). It
//  1. checks the CUDA kernels the cuda engine uses (osw_merge_gpu.h) against the CPU engine's kernels
//     (osw_merge_cpu.h) on random inputs: MEAN, weighted median, trimmed mean, GEOMEDIAN;
//  2. measures MEAN with the parameters resident on the device against the same run's device-to-device memcpy
//     bandwidth (the roof), and with host-to-device transfers (pageable, as the engine copies Java arrays, and the
//     pinned H2D bandwidth for reference);
// and prints a short table. Exit codes: 0 all checks pass, 1 a check failed, 2 no CUDA device (or a runtime error).
#define OSW_CLONES
#include <stdio.h>
#include <stdlib.h>
#include <vector>
#include <random>
#include <algorithm>
#include "osw_merge_gpu.h"
#include "osw_merge_cpu.h"

#define CK(call) do { int e_ = (int) (call); if (e_) { printf("CUDA error %s (%d) at %s:%d\n", \
        osw_gpu_error_name(e_), e_, __FILE__, __LINE__); exit(2); } } while (0)

static int failures = 0;

static void fill(std::vector<std::vector<float>>& x, std::mt19937& g) {
    std::normal_distribution<float> d(0.0f, 10.0f);
    std::uniform_int_distribution<int> small(0, 4), pick(0, 3);
    for (auto& row : x) {
        for (auto& v : row) {
            v = pick(g) == 0 ? (float) small(g) : d(g);
        }
    }
}

static void compare(const char* what, int n, long p, const std::vector<std::vector<float>>& x, const float* ref,
        const float* got) {
    long bad = 0;
    double worst = 0;
    for (long i = 0; i < p; i++) {
        if (ref[i] != ref[i] || got[i] != got[i]) {
            bad += (ref[i] != ref[i]) != (got[i] != got[i]);
            continue;
        }
        double scale = 1;
        for (int k = 0; k < n; k++) {
            scale = std::max(scale, (double) fabsf(x[k][i]));
        }
        double err = fabs((double) ref[i] - got[i]) / scale;
        worst = std::max(worst, err);
        bad += err > 1e-5;
    }
    printf("| check | %-13s | N=%2d | P=%ld | %s | max rel err %.2e |\n", what, n, p, bad ? "FAIL" : "ok", worst);
    failures += bad != 0;
}

static void checks() {
    std::mt19937 g(42);
    int ns[] = {2, 5, 8, 16, 17};
    for (int n : ns) {
        long p = 1000003;
        std::vector<std::vector<float>> x(n, std::vector<float>(p));
        fill(x, g);
        x[0][7] = NAN;
        x[1][9] = INFINITY;
        std::vector<const float*> px(n);
        for (int k = 0; k < n; k++) {
            px[k] = x[k].data();
        }
        std::vector<float> raw(n), w(n), ref(p), got(p);
        double total = 0;
        for (int k = 0; k < n; k++) {
            raw[k] = n % 2 ? 0.5f + k % 3 : 1.0f;
            total += raw[k];
        }
        for (int k = 0; k < n; k++) {
            w[k] = (float) (raw[k] / total);
        }
        osw_mean_range(px.data(), w.data(), n, ref.data(), 0, p);
        CK(osw_gpu_merge_host(OSW_MEAN, px.data(), w.data(), n, p, 0, got.data()));
        compare("mean", n, p, x, ref.data(), got.data());
        osw_weighted_median_range(px.data(), raw.data(), n, ref.data(), 0, p);
        CK(osw_gpu_merge_host(OSW_MEDIAN, px.data(), raw.data(), n, p, 0, got.data()));
        compare("coordmedian", n, p, x, ref.data(), got.data());
        int trim = std::min((int) (0.2 * n), (n - 1) / 2);
        osw_trimmed_range(px.data(), raw.data(), n, trim, ref.data(), 0, p);
        CK(osw_gpu_merge_host(OSW_TRIMMED, px.data(), raw.data(), n, p, trim, got.data()));
        compare("trimmedmean", n, p, x, ref.data(), got.data());
    }
    // GEOMEDIAN: finite inputs; compare the Weiszfeld objective with the CPU passes' result.
    for (int n : {3, 8}) {
        long p = 100003;
        std::vector<std::vector<float>> x(n, std::vector<float>(p));
        fill(x, g);
        std::vector<const float*> px(n);
        for (int k = 0; k < n; k++) {
            px[k] = x[k].data();
        }
        std::vector<float> raw(n, 1.0f);
        std::vector<double> zc(p, 0.0), zg(p);
        std::vector<double> coef(n, 1.0 / n), d2(n);
        osw_geo_combine_range(px.data(), n, coef.data(), zc.data(), 0, p);
        for (int it = 0; it < 1000; it++) {
            std::fill(d2.begin(), d2.end(), 0.0);
            osw_geo_distances_range(px.data(), n, zc.data(), d2.data(), 0, p);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                coef[k] = 1.0 / std::max(sqrt(d2[k]), 1e-12);
                sum += coef[k];
            }
            for (int k = 0; k < n; k++) {
                coef[k] /= sum;
            }
            if (sqrt(osw_geo_combine_range(px.data(), n, coef.data(), zc.data(), 0, p)) < 1e-6) {
                break;
            }
        }
        CK(osw_gpu_geomedian_host(px.data(), raw.data(), n, p, 1e-6, 1000, 1e-12, zg.data()));
        double oc = 0, og = 0;
        for (int k = 0; k < n; k++) {
            double sc = 0, sg = 0;
            for (long i = 0; i < p; i++) {
                sc += (x[k][i] - zc[i]) * (x[k][i] - zc[i]);
                sg += (x[k][i] - zg[i]) * (x[k][i] - zg[i]);
            }
            oc += sqrt(sc);
            og += sqrt(sg);
        }
        bool ok = fabs(oc - og) <= 1e-4 * oc;
        printf("| check | geomedian     | N=%2d | P=%ld | %s | objective cpu %.6e gpu %.6e |\n", n, p,
                ok ? "ok" : "FAIL", oc, og);
        failures += !ok;
    }
}

static float elapsed(cudaEvent_t a, cudaEvent_t b) {
    float ms = 0;
    cudaEventElapsedTime(&ms, a, b);
    return ms;
}

static void bandwidth(int n, long p, int reps) {
    size_t bytes = (size_t) n * p * sizeof(float);
    float* din;
    float* dout;
    CK(cudaMalloc((void**) &din, bytes));
    CK(cudaMalloc((void**) &dout, (size_t) p * sizeof(float)));
    CK(cudaMemset(din, 0, bytes));
    std::vector<const float*> dx(n);
    for (int k = 0; k < n; k++) {
        dx[k] = din + (size_t) k * p;
    }
    std::vector<float> w(n, 1.0f / n);
    cudaEvent_t e0, e1;
    cudaEventCreate(&e0);
    cudaEventCreate(&e1);
    // Roof: device-to-device copy of the same input (reads and writes bytes/2 each way).
    size_t half = bytes / 2;
    std::vector<float> roof, mean;
    for (int r = 0; r < reps; r++) {
        cudaEventRecord(e0);
        CK(cudaMemcpy(din + half / sizeof(float), din, half, cudaMemcpyDeviceToDevice));
        cudaEventRecord(e1);
        cudaEventSynchronize(e1);
        roof.push_back(2.0 * half / elapsed(e0, e1) / 1e6); // GB/s moved (read + write)
        cudaEventRecord(e0);
        CK(osw_gpu_mean_dev(dx.data(), w.data(), n, p, dout, 0));
        cudaEventRecord(e1);
        cudaEventSynchronize(e1);
        mean.push_back(elapsed(e0, e1));
    }
    std::sort(roof.begin(), roof.end());
    std::sort(mean.begin(), mean.end());
    double ms = mean[reps / 2];
    double in = bytes / ms / 1e6;
    double moved = (bytes + (size_t) p * sizeof(float)) / ms / 1e6;
    printf("| device-resident mean | N=%2d | P=%ldM | %.3f ms | input %.0f GB/s | moved %.0f GB/s | memcpy roof %.0f GB/s "
            "| moved/roof %.2f |\n", n, p / 1000000, ms, in, moved, roof[reps / 2], moved / roof[reps / 2]);
    // Host arrays (the engine's case): pageable H2D of every input, merge, D2H of the result.
    std::vector<std::vector<float>> hx(n, std::vector<float>(p, 0.5f));
    std::vector<const float*> px(n);
    for (int k = 0; k < n; k++) {
        px[k] = hx[k].data();
    }
    std::vector<float> hout(p);
    std::vector<double> host;
    for (int r = 0; r < std::max(3, reps / 4); r++) {
        cudaEventRecord(e0);
        CK(osw_gpu_merge_host(OSW_MEAN, px.data(), w.data(), n, p, 0, hout.data()));
        cudaEventRecord(e1);
        cudaEventSynchronize(e1);
        host.push_back(elapsed(e0, e1));
    }
    std::sort(host.begin(), host.end());
    float* pinned;
    CK(cudaMallocHost((void**) &pinned, (size_t) p * sizeof(float)));
    cudaEventRecord(e0);
    for (int k = 0; k < n; k++) {
        CK(cudaMemcpy(din + (size_t) k * p, pinned, (size_t) p * sizeof(float), cudaMemcpyHostToDevice));
    }
    cudaEventRecord(e1);
    cudaEventSynchronize(e1);
    double h2dPinned = bytes / elapsed(e0, e1) / 1e6;
    double hms = host[host.size() / 2];
    printf("| host arrays mean     | N=%2d | P=%ldM | %.3f ms | input %.1f GB/s | (pageable H2D + merge + D2H) | "
            "pinned H2D %.1f GB/s | |\n", n, p / 1000000, hms, bytes / hms / 1e6, h2dPinned);
    cudaFreeHost(pinned);
    cudaFree(din);
    cudaFree(dout);
}

int main(int argc, char** argv) {
    int count = osw_gpu_device_count();
    if (count <= 0) {
        printf("gpu-check: %s\n", osw_gpu_describe());
        return 2;
    }
    printf("gpu-check on %s\n", osw_gpu_describe());
    size_t freeB, totalB;
    CK(cudaMemGetInfo(&freeB, &totalB));
    printf("| what | | | | result | |\n|---|---|---|---|---|---|\n");
    checks();
    printf("\n| bandwidth | N | P | median | | | | |\n|---|---|---|---|---|---|---|---|\n");
    int ns[] = {2, 4, 8, 16};
    for (int n : ns) {
        // P = 100M floats where it fits (16 x 100M = 6.4 GB), else the largest multiple of 1M that leaves 25 % free.
        long p = 100000000L;
        while ((double) (n + 1) * p * 4 > 0.75 * freeB && p > 1000000L) {
            p /= 2;
        }
        p = p / 1000000 * 1000000;
        bandwidth(n, p, 21);
    }
    printf("\ngpu-check: %s\n", failures ? "FAILED checks above" : "all checks passed");
    return failures ? 1 : 0;
}
