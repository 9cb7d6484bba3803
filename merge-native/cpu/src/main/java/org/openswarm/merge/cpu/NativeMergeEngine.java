package org.openswarm.merge.cpu;

import org.openswarm.api.merge.MergeEngine;
import org.openswarm.merge.kernel.KernelEngine;

/**
 * The {@code native} engine: C++ kernels with OpenMP and SIMD (runtime-dispatched AVX-512 / AVX2 / SSE2).
 * Constructing one loads the library (UnsatisfiedLinkError with the reason if it cannot).
 */
public final class NativeMergeEngine extends KernelEngine {
    public static final String NAME = "native";

    private final int threads;

    /** {@code threads}: 0 = one per processor; {@code fallback} merges double tensors (the Java engine). */
    public NativeMergeEngine(int threads, MergeEngine fallback) {
        super(NAME, kernels(threads), fallback);
        this.threads = threads <= 0 ? CpuKernels.osw_max_threads() : threads;
    }

    private static CpuMergeKernels kernels(int threads) {
        CpuKernels.load();
        return new CpuMergeKernels(threads);
    }

    public int threads() {
        return threads;
    }

    /** The SIMD code the CPU runs: AVX-512, AVX2 or SSE2. */
    public static String isa() {
        return switch (CpuKernels.osw_isa()) {
            case 3 -> "AVX-512 (x86-64-v4)";
            case 2 -> "AVX2+FMA (x86-64-v3)";
            default -> "SSE2 (x86-64 baseline)";
        };
    }
}
