package org.openswarm.merge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;

class JavaMergeEngineTest {
    static JavaMergeEngine engine;

    @BeforeAll
    static void start() {
        engine = new JavaMergeEngine(3);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static float[] weights(Random r, int n) {
        float[] w = new float[n];
        int kind = r.nextInt(3);
        for (int k = 0; k < n; k++) {
            w[k] = switch (kind) {
                case 0 -> 1f;
                case 1 -> 0.1f + 5 * r.nextFloat();
                default -> r.nextInt(4) == 0 ? 0f : 1 + r.nextInt(3);
            };
        }
        if (kind == 2 && Arrays.stream(Reference.active(w)).count() == 0) {
            w[r.nextInt(n)] = 2f;
        }
        return w;
    }

    static float[][] inputs(Random r, int n, int p) {
        float[][] x = new float[n][p];
        for (float[] row : x) {
            for (int i = 0; i < p; i++) {
                // few distinct values sometimes, to exercise ties in the medians
                row[i] = r.nextInt(4) == 0 ? r.nextInt(5) : (float) (r.nextGaussian() * 10);
            }
        }
        return x;
    }

    static void close(double expected, double actual, double scale, double rel, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double tol = rel * Math.max(1, scale);
        if (Math.abs(expected - actual) > tol) {
            fail(what + ": expected " + expected + ", got " + actual + " (tolerance " + tol + ")");
        }
    }

    @Test
    void coordinateWiseMethodsMatchTheReferenceForRandomShapes() {
        Random r = new Random(42);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + r.nextInt(17);
            int p = trial % 50 == 0 ? (1 << 20) / n + 13 + r.nextInt(100) : r.nextInt(300);
            float[][] x = inputs(r, n, p);
            float[] w = weights(r, n);
            int[] a = Reference.active(w);
            MergeParams prm = new MergeParams(r.nextDouble() * 0.45, 1);
            for (MergeMethod m : new MergeMethod[] {MergeMethod.MEAN, MergeMethod.COORDMEDIAN,
                MergeMethod.TRIMMEDMEAN}) {
                float[] out = new float[p];
                engine.merge(m, prm, x, w, out);
                double[][] xd = new double[n][p];
                for (int k = 0; k < n; k++) {
                    for (int i = 0; i < p; i++) {
                        xd[k][i] = x[k][i];
                    }
                }
                double[] outD = new double[p];
                engine.merge(m, prm, xd, w, outD);
                double[] col = new double[n];
                for (int i = 0; i < p; i++) {
                    double scale = 0;
                    for (int k = 0; k < n; k++) {
                        col[k] = x[k][i];
                        scale = Math.max(scale, Math.abs(col[k]));
                    }
                    double expected = switch (m) {
                        case MEAN -> Reference.mean(col, w, a);
                        case COORDMEDIAN -> Reference.median(col, w, a);
                        default -> Reference.trimmed(col, w, a, prm.trimCount(a.length));
                    };
                    String what = m + " n=" + n + " p=" + p + " i=" + i + " w=" + Arrays.toString(w);
                    close(expected, out[i], scale, 1e-5, what);
                    close(expected, outD[i], scale, 1e-12, what + " (double)");
                }
            }
        }
    }

    @Test
    void geomedianMinimisesTheWeightedDistanceSum() {
        Random r = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + r.nextInt(12);
            int p = 1 + r.nextInt(200);
            float[][] x = inputs(r, n, p);
            float[] w = weights(r, n);
            int[] a = Reference.active(w);
            double[][] xd = new double[n][p];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < p; i++) {
                    xd[k][i] = x[k][i];
                }
            }
            double[] ref = Reference.geomedian(xd, w, a);
            float[] out = new float[p];
            engine.merge(MergeMethod.GEOMEDIAN, null, x, w, out);
            double[] outD = new double[p];
            engine.merge(MergeMethod.GEOMEDIAN, null, xd, w, outD);
            double[] outF = new double[p];
            for (int i = 0; i < p; i++) {
                outF[i] = out[i];
            }
            double best = Reference.objective(xd, w, a, ref);
            double gotF = Reference.objective(xd, w, a, outF);
            double gotD = Reference.objective(xd, w, a, outD);
            assertTrue(gotF <= best * (1 + 1e-5) + 1e-5, "float objective " + gotF + " vs " + best);
            assertTrue(gotD <= best * (1 + 1e-6) + 1e-6, "double objective " + gotD + " vs " + best);
        }
        // Three collinear points: the geometric median is the middle one.
        float[][] x = {{0, 0}, {1, 0}, {10, 0}};
        float[] out = new float[2];
        engine.merge(MergeMethod.GEOMEDIAN, null, x, new float[] {1, 1, 1}, out);
        assertEquals(1f, out[0], 1e-4);
        assertEquals(0f, out[1], 1e-6);
    }

    @Test
    void largeGeomedianUsesThreadsAndAgrees() {
        Random r = new Random(3);
        int n = 5;
        int p = 400_000;
        float[][] x = inputs(r, n, p);
        float[] w = {1, 2, 1, 1, 3};
        double[][] xd = new double[n][p];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < p; i++) {
                xd[k][i] = x[k][i];
            }
        }
        float[] out = new float[p];
        engine.merge(MergeMethod.GEOMEDIAN, null, x, w, out);
        double[] outD = new double[p];
        for (int i = 0; i < p; i++) {
            outD[i] = out[i];
        }
        double best = Reference.objective(xd, w, Reference.active(w), Reference.geomedian(xd, w,
                Reference.active(w)));
        assertTrue(Reference.objective(xd, w, Reference.active(w), outD) <= best * (1 + 1e-6));
    }

    @Test
    void nanAndInfinityRules() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[][] x = {{1, nan, 1, inf, 5}, {2, 2, 2, 1, nan}, {3, 3, inf, 2, 7}};
        float[] out = new float[5];
        engine.merge(MergeMethod.MEAN, null, x, new float[] {1, 1, 1}, out);
        assertEquals(2f, out[0], 1e-6);
        assertTrue(Float.isNaN(out[1]));
        assertEquals(inf, out[2]);
        assertEquals(inf, out[3]);
        assertTrue(Float.isNaN(out[4]));
        // A participant with weight 0 does not count, NaN or not.
        engine.merge(MergeMethod.MEAN, null, x, new float[] {0, 1, 1}, out);
        assertArrayEquals(new float[] {2.5f, 2.5f, inf, 1.5f, nan}, out, 1e-6f);
        // Medians: any NaN makes the coordinate NaN; infinities are ordered like numbers.
        engine.merge(MergeMethod.COORDMEDIAN, null, x, new float[] {1, 1, 1}, out);
        assertEquals(2f, out[0]);
        assertTrue(Float.isNaN(out[1]));
        assertEquals(2f, out[2]);
        assertEquals(2f, out[3]);
        assertTrue(Float.isNaN(out[4]));
        engine.merge(MergeMethod.COORDMEDIAN, null, x, new float[] {1, 2, 1}, out); // weighted path
        assertEquals(2f, out[0]);
        assertTrue(Float.isNaN(out[1]));
        assertEquals(1.5f, out[3]); // 1 (w 2), 2 (w 1), inf (w 1): cumulative weight is exactly half at 1
        // Trimmed mean drops the infinity when it is an extreme.
        float[][] y = {{1, -inf}, {2, 2}, {3, 3}, {inf, 4}, {4, 5}};
        float[] o2 = new float[2];
        engine.merge(MergeMethod.TRIMMEDMEAN, new MergeParams(0.2, 1), y, new float[] {1, 1, 1, 1, 1}, o2);
        assertArrayEquals(new float[] {3, 3}, o2, 1e-6f);
        // Geomedian: a non-finite value anywhere makes the whole tensor NaN.
        engine.merge(MergeMethod.GEOMEDIAN, null, x, new float[] {1, 1, 1}, out);
        for (float v : out) {
            assertTrue(Float.isNaN(v));
        }
    }

    @Test
    void medianNetworksAgreeWithTheGeneralPathOnEveryN() {
        Random r = new Random(5);
        for (int n = 2; n <= MedianNetworks.MAX_N; n++) {
            int p = 100 + r.nextInt(40);
            float[][] x = inputs(r, n, p);
            float[] viaNetwork = new float[p];
            MedianNetworks.median(x, viaNetwork, 0, p);
            float[] viaGeneral = new float[p];
            float[] ones = new float[n];
            Arrays.fill(ones, 1f);
            FloatKernels.weightedMedian(x, ones, viaGeneral, 0, p);
            assertArrayEquals(viaGeneral, viaNetwork, "n=" + n);
        }
    }

    @Test
    void squaredDistancesMatchTheReference() {
        Random r = new Random(9);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + r.nextInt(10);
            int p = trial == 0 ? 300_001 : r.nextInt(500);
            float[][] x = inputs(r, n, p);
            double[][] acc = new double[n][n];
            engine.addSquaredDistances(x, acc);
            for (int i = 0; i < n; i++) {
                assertEquals(0, acc[i][i]);
                for (int j = 0; j < n; j++) {
                    double d = 0;
                    for (int c = 0; c < p; c++) {
                        d += ((double) x[i][c] - x[j][c]) * ((double) x[i][c] - x[j][c]);
                    }
                    assertEquals(d, acc[i][j], 1e-5 * Math.max(1, d));
                }
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        float[][] x = {{1}, {2}};
        float[] out = new float[1];
        assertThrows(IllegalArgumentException.class, () -> engine.merge(MergeMethod.KRUM, null, x,
                new float[] {1, 1}, out));
        assertThrows(IllegalArgumentException.class, () -> engine.merge(MergeMethod.MEAN, null, x,
                new float[] {0, 0}, out));
        assertThrows(IllegalArgumentException.class, () -> engine.merge(MergeMethod.MEAN, null, x,
                new float[] {1, -1}, out));
        assertThrows(IllegalArgumentException.class, () -> engine.merge(MergeMethod.MEAN, null, x,
                new float[] {1}, out));
        assertThrows(IllegalArgumentException.class, () -> engine.merge(MergeMethod.MEAN, null, x,
                new float[] {1, 1}, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> engine.merge(MergeMethod.MEAN, null, x,
                new float[] {1, Float.NaN}, out));
    }
}
