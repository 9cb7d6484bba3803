package org.openswarm.merge.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.merge.internal.JavaMergeEngine;
import org.openswarm.merge.kernel.GpuKernels;
import org.openswarm.merge.kernel.KernelEngine;

/**
 * The CUDA engine against the Java engine (same tolerances as the CPU engine's test). Skipped, with the reason, where
 * the library was not built (no nvcc) or no CUDA device answers (no GPU, no driver: error 35).
 */
class CudaMergeEngineTest {
    static JavaMergeEngine java;
    static KernelEngine cuda;
    static String skip;

    @BeforeAll
    static void start() {
        java = new JavaMergeEngine(2);
        CudaBinding b = new CudaBinding();
        try {
            b.load();
        } catch (UnsatisfiedLinkError e) {
            skip = "CUDA library not loaded: " + e.getMessage();
            return;
        }
        if (b.deviceCount() <= 0) {
            skip = b.describe();
            return;
        }
        cuda = new KernelEngine("cuda", new GpuKernels("CUDA", b), java) { };
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    @Test
    void libraryLoadsOrTheReasonIsClear() {
        if (skip != null) {
            assertTrue(skip.startsWith("CUDA library not loaded") || skip.startsWith("no CUDA device"), skip);
        }
    }

    @Test
    void everyMethodMatchesTheJavaEngine() {
        assumeTrue(cuda != null, () -> "skipped: " + skip);
        Random r = new Random(42);
        for (int n = 1; n <= 17; n++) {
            for (int p : new int[] {1, 7, 4099, 100_003}) {
                float[][] x = new float[n][p];
                for (float[] row : x) {
                    for (int i = 0; i < p; i++) {
                        row[i] = r.nextInt(4) == 0 ? r.nextInt(5) : (float) (r.nextGaussian() * 10);
                    }
                }
                x[0][0] = n % 3 == 0 ? Float.NaN : n % 3 == 1 ? Float.POSITIVE_INFINITY : x[0][0];
                float[] w = new float[n];
                for (int k = 0; k < n; k++) {
                    w[k] = n % 2 == 0 ? 1 : r.nextInt(4) == 0 ? 0 : 0.5f + r.nextFloat();
                }
                w[0] = 1;
                for (MergeMethod m : new MergeMethod[] {MergeMethod.MEAN, MergeMethod.COORDMEDIAN,
                    MergeMethod.TRIMMEDMEAN}) {
                    float[] a = new float[p];
                    float[] b = new float[p];
                    java.merge(m, new MergeParams(0.2, 1), x, w, a);
                    cuda.merge(m, new MergeParams(0.2, 1), x, w, b);
                    for (int i = 0; i < p; i++) {
                        if (Float.isNaN(a[i])) {
                            assertTrue(Float.isNaN(b[i]), m + " N=" + n + " at " + i);
                        } else {
                            double scale = 1;
                            for (float[] row : x) {
                                scale = Math.max(scale, Math.abs(row[i]));
                            }
                            assertTrue(a[i] == b[i] || Math.abs(a[i] - b[i]) <= 1e-5 * scale,
                                    m + " N=" + n + " at " + i + ": " + a[i] + " vs " + b[i] + " w=" + Arrays.toString(w));
                        }
                    }
                }
                if (p <= 4099) {
                    float[] a = new float[p];
                    float[] b = new float[p];
                    java.merge(MergeMethod.GEOMEDIAN, null, x, w, a);
                    cuda.merge(MergeMethod.GEOMEDIAN, null, x, w, b);
                    assertEquals(Float.isNaN(a[p - 1]), Float.isNaN(b[p - 1]));
                }
            }
        }
    }
}
