package org.openswarm.merge.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.merge.internal.JavaMergeEngine;

/**
 * The native engine against the Java engine on random inputs (docs/merge-engines.md §3 tolerances): MEAN and the
 * equal-weight median networks must agree within 1e-5 x max(1, max|x|) per coordinate (they are in fact bitwise
 * equal: same FMA order), the weighted medians and trimmed means within the same bound, GEOMEDIAN within 1e-4
 * relative on the objective, distances within 1e-5 relative. N up to 17 (one past the networks), P not a multiple of
 * any vector width, zero weights.
 */
class NativeMergeEngineTest {
    static JavaMergeEngine java;
    static NativeMergeEngine nat;

    @BeforeAll
    static void start() {
        // The library is built for linux-x86_64 only; elsewhere the engine is off by design (and says so).
        org.junit.jupiter.api.Assumptions.assumeTrue(org.openswarm.merge.kernel.NativeLibrary.platform() != null,
                "no native library is built for " + System.getProperty("os.arch"));
        java = new JavaMergeEngine(2);
        nat = new NativeMergeEngine(2, java);
    }

    @AfterAll
    static void stop() {
        if (java != null) {
            java.close();
        }
    }

    static float[][] inputs(Random r, int n, int p) {
        float[][] x = new float[n][p];
        for (float[] row : x) {
            for (int i = 0; i < p; i++) {
                row[i] = r.nextInt(4) == 0 ? r.nextInt(5) : (float) (r.nextGaussian() * 10);
            }
        }
        return x;
    }

    static float[] weights(Random r, int n, int kind) {
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            w[k] = switch (kind) {
                case 0 -> 1f;
                case 1 -> 0.1f + 5 * r.nextFloat();
                default -> r.nextInt(4) == 0 ? 0f : 1 + r.nextInt(3);
            };
        }
        w[r.nextInt(n)] = 2f;
        return w;
    }

    static void assertClose(float[][] x, float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a)) {
                assertTrue(Float.isNaN(e) && Float.isNaN(a), what + " at " + i + ": " + e + " vs " + a);
                continue;
            }
            double scale = 1;
            for (float[] row : x) {
                scale = Math.max(scale, Math.abs(row[i]));
            }
            if (Math.abs(e - a) > 1e-5 * scale && e != a) {
                throw new AssertionError(what + " at " + i + ": java " + e + ", native " + a);
            }
        }
    }

    @Test
    void everyMethodMatchesTheJavaEngineOnRandomInputs() {
        Random r = new Random(42);
        int[] ps = {0, 1, 15, 17, 63, 1000, 4099, 20_001};
        MergeMethod[] methods = {MergeMethod.MEAN, MergeMethod.COORDMEDIAN, MergeMethod.TRIMMEDMEAN};
        int cases = 0;
        for (int n = 1; n <= 17; n++) {
            for (int p : ps) {
                for (int kind = 0; kind < 3; kind++) {
                    float[][] x = inputs(r, n, p);
                    float[] w = weights(r, n, kind);
                    for (MergeMethod m : methods) {
                        MergeParams prm = new MergeParams(0.1 + 0.3 * r.nextDouble(), 1);
                        float[] a = new float[p];
                        float[] b = new float[p];
                        java.merge(m, prm, x, w, a);
                        nat.merge(m, prm, x, w, b);
                        assertClose(x, a, b, m + " N=" + n + " P=" + p + " w=" + Arrays.toString(w));
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 1000);
    }

    @Test
    void meanAndNetworkMediansAreBitwiseTheJavaEngines() {
        Random r = new Random(7);
        for (int n = 2; n <= 16; n++) {
            float[][] x = inputs(r, n, 5003);
            float[] ones = new float[n];
            Arrays.fill(ones, 1f);
            for (MergeMethod m : new MergeMethod[] {MergeMethod.MEAN, MergeMethod.COORDMEDIAN}) {
                float[] a = new float[5003];
                float[] b = new float[5003];
                java.merge(m, null, x, m == MergeMethod.MEAN ? weights(r, n, 1) : ones, a);
                float[] w = m == MergeMethod.MEAN ? null : ones;
                if (w == null) { // same weights for both engines
                    w = weights(new Random(n), n, 1);
                    java.merge(m, null, x, w, a);
                }
                nat.merge(m, null, x, w, b);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToIntBits(a[i] == 0 ? 0f : a[i]), Float.floatToIntBits(b[i] == 0 ? 0f : b[i]),
                            m + " N=" + n + " at " + i);
                }
            }
        }
    }

    @Test
    void largeMergesRunOnSeveralThreadsAndStillMatch() {
        Random r = new Random(3);
        int p = 600_001; // above the serial threshold for N >= 2
        for (int n : new int[] {2, 5, 8, 13}) {
            float[][] x = inputs(r, n, p);
            float[] w = weights(r, n, 1);
            float[] ones = new float[n];
            Arrays.fill(ones, 1f);
            for (MergeMethod m : MergeMethod.values()) {
                if (m == MergeMethod.KRUM || (m == MergeMethod.GEOMEDIAN && n > 5)) {
                    continue;
                }
                float[] ww = m == MergeMethod.COORDMEDIAN ? ones : w;
                float[] a = new float[p];
                float[] b = new float[p];
                java.merge(m, new MergeParams(0.25, 1), x, ww, a);
                nat.merge(m, new MergeParams(0.25, 1), x, ww, b);
                if (m == MergeMethod.GEOMEDIAN) {
                    assertObjectiveClose(x, ww, a, b);
                } else {
                    assertClose(x, a, b, m + " N=" + n);
                }
            }
        }
    }

    @Test
    void geomedianReachesTheJavaEnginesObjective() {
        Random r = new Random(11);
        for (int n = 1; n <= 9; n++) {
            for (int p : new int[] {1, 3, 100, 1001}) {
                float[][] x = inputs(r, n, p);
                float[] w = weights(r, n, r.nextInt(3));
                float[] a = new float[p];
                float[] b = new float[p];
                java.merge(MergeMethod.GEOMEDIAN, null, x, w, a);
                nat.merge(MergeMethod.GEOMEDIAN, null, x, w, b);
                assertObjectiveClose(x, w, a, b);
            }
        }
    }

    static void assertObjectiveClose(float[][] x, float[] w, float[] a, float[] b) {
        double oa = objective(x, w, a);
        double ob = objective(x, w, b);
        assertTrue(Math.abs(oa - ob) <= 1e-4 * Math.max(1e-9, oa), "objective java " + oa + ", native " + ob);
    }

    static double objective(float[][] x, float[] w, float[] z) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double d = 0;
            for (int i = 0; i < z.length; i++) {
                double e = x[k][i] - z[i];
                d += e * e;
            }
            s += w[k] * Math.sqrt(d);
        }
        return s;
    }

    @Test
    void squaredDistancesMatchAndAccumulate() {
        Random r = new Random(5);
        for (int n : new int[] {1, 2, 3, 7, 16}) {
            for (int p : new int[] {5, 4097, 300_001}) {
                float[][] x = inputs(r, n, p);
                double[][] a = new double[n][n];
                double[][] b = new double[n][n];
                for (int rep = 0; rep < 2; rep++) { // called per tensor: must add, not overwrite
                    java.addSquaredDistances(x, a);
                    nat.addSquaredDistances(x, b);
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(a[i][j], b[i][j], 1e-5 * Math.max(1, a[i][j]), "N=" + n + " P=" + p);
                        assertEquals(b[i][j], b[j][i]);
                    }
                }
            }
        }
    }

    @Test
    void nanAndInfinityRulesAreTheJavaEngines() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[][] x = {{1, nan, 1, inf, 5, -inf}, {2, 2, 2, 1, nan, inf}, {3, 3, inf, 2, 7, 1}};
        float[][] weightsList = {{1, 1, 1}, {0, 1, 1}, {1, 2, 1}, {1, 0, 3}};
        for (float[] w : weightsList) {
            for (MergeMethod m : new MergeMethod[] {MergeMethod.MEAN, MergeMethod.COORDMEDIAN,
                MergeMethod.TRIMMEDMEAN, MergeMethod.GEOMEDIAN}) {
                float[] a = new float[6];
                float[] b = new float[6];
                java.merge(m, new MergeParams(0.34, 1), x, w, a);
                nat.merge(m, new MergeParams(0.34, 1), x, w, b);
                assertClose(x, a, b, m + " w=" + Arrays.toString(w));
            }
        }
        // The documented outcomes themselves (docs/merge-engines.md §3).
        float[] out = new float[6];
        nat.merge(MergeMethod.MEAN, null, x, new float[] {1, 1, 1}, out);
        assertTrue(Float.isNaN(out[1]) && out[2] == inf && Float.isNaN(out[5]));
        nat.merge(MergeMethod.COORDMEDIAN, null, x, new float[] {1, 1, 1}, out);
        assertTrue(Float.isNaN(out[1]) && out[2] == 2f && out[3] == 2f && out[5] == 1f);
        float[][] y = {{1, -inf}, {2, 2}, {3, 3}, {inf, 4}, {4, 5}};
        float[] o2 = new float[2];
        nat.merge(MergeMethod.TRIMMEDMEAN, new MergeParams(0.2, 1), y, new float[] {1, 1, 1, 1, 1}, o2);
        assertEquals(3f, o2[0], 1e-6f);
        assertEquals(3f, o2[1], 1e-6f);
        nat.merge(MergeMethod.GEOMEDIAN, null, x, new float[] {1, 1, 1}, out);
        for (float v : out) {
            assertTrue(Float.isNaN(v));
        }
    }

    @Test
    void badArgumentsAreRefusedLikeTheJavaEngine() {
        float[][] x = {{1, 2}, {3, 4}};
        float[] out = new float[2];
        assertThrows(IllegalArgumentException.class, () -> nat.merge(MergeMethod.KRUM, null, x, new float[] {1, 1}, out));
        assertThrows(IllegalArgumentException.class, () -> nat.merge(MergeMethod.MEAN, null, x, new float[] {0, 0}, out));
        assertThrows(IllegalArgumentException.class, () -> nat.merge(MergeMethod.MEAN, null, x, new float[] {1}, out));
        assertThrows(IllegalArgumentException.class,
                () -> nat.merge(MergeMethod.MEAN, null, x, new float[] {1, Float.NaN}, out));
        assertThrows(IllegalArgumentException.class,
                () -> nat.merge(MergeMethod.MEAN, null, x, new float[] {1, 1}, new float[3]));
    }

    @Test
    void doubleTensorsGoToTheFallbackEngine() {
        double[][] x = {{1, 2, 3}, {3, 4, 5}};
        double[] out = new double[3];
        nat.merge(MergeMethod.MEAN, null, x, new float[] {1, 3}, out);
        assertEquals(2.5, out[0], 1e-12);
        assertEquals(4.5, out[2], 1e-12);
    }

    @Test
    void reportsItsSimdLevel() {
        assertTrue(NativeMergeEngine.isa().contains("x86-64"), NativeMergeEngine.isa());
        assertTrue(nat.threads() >= 1);
    }
}
