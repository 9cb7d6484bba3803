package org.openswarm.merge.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded float kernels over a coordinate range [from, to). Weights are already normalised (sum 1) and only
 * counted participants are passed. Vector loops and scalar tails compute the same expression (fused multiply-add in
 * the same order), so results do not depend on where the vector loop ends.
 */
final class FloatKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Inputs merged coordinate-major up to this count; above, 4 peers at a time over an output block. */
    static final int COORDINATE_MAJOR_MAX = 8;
    /** Output block of the blocked mean, floats: 8 KiB, stays in L1 while 4 inputs stream past it. */
    static final int BLOCK = 2048;

    private FloatKernels() {
    }

    /** out = sum_k w[k] * x[k]. */
    static void mean(float[][] x, float[] w, float[] out, int from, int to) {
        if (x.length <= COORDINATE_MAJOR_MAX) {
            meanCoordinateMajor(x, w, out, from, to);
        } else {
            for (int b = from; b < to; b += BLOCK) {
                int e = Math.min(to, b + BLOCK);
                first4(x[0], x[1], x[2], x[3], w[0], w[1], w[2], w[3], out, b, e);
                int k = 4;
                for (; k + 4 <= x.length; k += 4) {
                    add4(x[k], x[k + 1], x[k + 2], x[k + 3], w[k], w[k + 1], w[k + 2], w[k + 3], out, b, e);
                }
                for (; k < x.length; k++) {
                    add1(x[k], w[k], out, b, e);
                }
            }
        }
    }

    static void meanCoordinateMajor(float[][] x, float[] w, float[] out, int from, int to) {
        int n = x.length;
        int i = from;
        int upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector acc = FloatVector.fromArray(S, x[0], i).mul(w[0]);
            for (int k = 1; k < n; k++) {
                acc = FloatVector.fromArray(S, x[k], i).fma(FloatVector.broadcast(S, w[k]), acc);
            }
            acc.intoArray(out, i);
        }
        for (; i < to; i++) {
            float acc = x[0][i] * w[0];
            for (int k = 1; k < n; k++) {
                acc = Math.fma(x[k][i], w[k], acc);
            }
            out[i] = acc;
        }
    }

    private static void first4(float[] a, float[] b, float[] c, float[] d, float wa, float wb, float wc, float wd,
            float[] out, int from, int to) {
        FloatVector va = FloatVector.broadcast(S, wa);
        FloatVector vb = FloatVector.broadcast(S, wb);
        FloatVector vc = FloatVector.broadcast(S, wc);
        FloatVector vd = FloatVector.broadcast(S, wd);
        int i = from;
        int upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector acc = FloatVector.fromArray(S, a, i).mul(va);
            acc = FloatVector.fromArray(S, b, i).fma(vb, acc);
            acc = FloatVector.fromArray(S, c, i).fma(vc, acc);
            acc = FloatVector.fromArray(S, d, i).fma(vd, acc);
            acc.intoArray(out, i);
        }
        for (; i < to; i++) {
            float acc = a[i] * wa;
            acc = Math.fma(b[i], wb, acc);
            acc = Math.fma(c[i], wc, acc);
            out[i] = Math.fma(d[i], wd, acc);
        }
    }

    private static void add4(float[] a, float[] b, float[] c, float[] d, float wa, float wb, float wc, float wd,
            float[] out, int from, int to) {
        FloatVector va = FloatVector.broadcast(S, wa);
        FloatVector vb = FloatVector.broadcast(S, wb);
        FloatVector vc = FloatVector.broadcast(S, wc);
        FloatVector vd = FloatVector.broadcast(S, wd);
        int i = from;
        int upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector acc = FloatVector.fromArray(S, out, i);
            acc = FloatVector.fromArray(S, a, i).fma(va, acc);
            acc = FloatVector.fromArray(S, b, i).fma(vb, acc);
            acc = FloatVector.fromArray(S, c, i).fma(vc, acc);
            acc = FloatVector.fromArray(S, d, i).fma(vd, acc);
            acc.intoArray(out, i);
        }
        for (; i < to; i++) {
            float acc = out[i];
            acc = Math.fma(a[i], wa, acc);
            acc = Math.fma(b[i], wb, acc);
            acc = Math.fma(c[i], wc, acc);
            out[i] = Math.fma(d[i], wd, acc);
        }
    }

    private static void add1(float[] a, float wa, float[] out, int from, int to) {
        FloatVector va = FloatVector.broadcast(S, wa);
        int i = from;
        int upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector.fromArray(S, a, i).fma(va, FloatVector.fromArray(S, out, i)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = Math.fma(a[i], wa, out[i]);
        }
    }

    /**
     * Weighted median per coordinate, general path (any weights, any N): sort the values with their weights, the
     * first value whose cumulative weight passes half the total; exactly half: mean of it and the next value. A NaN
     * makes the coordinate NaN. {@code raw} are the unnormalised weights (sums compared in double).
     */
    static void weightedMedian(float[][] x, float[] raw, float[] out, int from, int to) {
        int n = x.length;
        float[] v = new float[n];
        float[] w = new float[n];
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        for (int i = from; i < to; i++) {
            boolean nan = false;
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
            if (nan) {
                out[i] = Float.NaN;
                continue;
            }
            double cum = 0;
            float result = v[n - 1];
            for (int j = 0; j < n; j++) {
                cum += w[j];
                double twice = 2 * cum;
                if (twice > total) {
                    result = v[j];
                    break;
                }
                if (twice == total && j + 1 < n) {
                    result = 0.5f * v[j] + 0.5f * v[j + 1];
                    break;
                }
            }
            out[i] = result;
        }
    }

    /**
     * Trimmed mean per coordinate: drop {@code trim} smallest and largest values, weighted mean (in double) of the
     * rest. A NaN makes the coordinate NaN.
     */
    static void trimmedMean(float[][] x, float[] raw, int trim, float[] out, int from, int to) {
        int n = x.length;
        float[] v = new float[n];
        float[] w = new float[n];
        for (int i = from; i < to; i++) {
            boolean nan = false;
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
            if (nan) {
                out[i] = Float.NaN;
                continue;
            }
            double sum = 0;
            double ws = 0;
            for (int j = trim; j < n - trim; j++) {
                sum += (double) w[j] * v[j];
                ws += w[j];
            }
            out[i] = (float) (sum / ws);
        }
    }

    /** acc[i][j] += sum over [from, to) of (x[i] - x[j])^2, for i &lt; j (the caller mirrors). */
    static void squaredDistances(float[][] x, double[][] acc, int from, int to) {
        int n = x.length;
        for (int b = from; b < to; b += BLOCK) {
            int e = Math.min(to, b + BLOCK);
            int upper = b + S.loopBound(e - b);
            for (int p = 0; p < n; p++) {
                float[] xp = x[p];
                for (int q = p + 1; q < n; q++) {
                    float[] xq = x[q];
                    FloatVector s = FloatVector.zero(S);
                    int i = b;
                    for (; i < upper; i += S.length()) {
                        FloatVector d = FloatVector.fromArray(S, xp, i).sub(FloatVector.fromArray(S, xq, i));
                        s = d.fma(d, s);
                    }
                    double sum = s.reduceLanes(VectorOperators.ADD);
                    for (; i < e; i++) {
                        double d = (double) xp[i] - xq[i];
                        sum += d * d;
                    }
                    acc[p][q] += sum;
                }
            }
        }
    }
}
