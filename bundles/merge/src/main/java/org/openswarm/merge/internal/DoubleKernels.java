package org.openswarm.merge.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** The F64 counterparts of {@link FloatKernels} (coordinate-major for every N; F64 tensors are rare and small). */
final class DoubleKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private DoubleKernels() {
    }

    static void mean(double[][] x, double[] w, double[] out, int from, int to) {
        int n = x.length;
        int i = from;
        int upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            DoubleVector acc = DoubleVector.fromArray(S, x[0], i).mul(w[0]);
            for (int k = 1; k < n; k++) {
                acc = DoubleVector.fromArray(S, x[k], i).fma(DoubleVector.broadcast(S, w[k]), acc);
            }
            acc.intoArray(out, i);
        }
        for (; i < to; i++) {
            double acc = x[0][i] * w[0];
            for (int k = 1; k < n; k++) {
                acc = Math.fma(x[k][i], w[k], acc);
            }
            out[i] = acc;
        }
    }

    /** As {@link FloatKernels#weightedMedian}. */
    static void weightedMedian(double[][] x, float[] raw, double[] out, int from, int to) {
        int n = x.length;
        double[] v = new double[n];
        double[] w = new double[n];
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        for (int i = from; i < to; i++) {
            if (sort(x, raw, v, w, i)) {
                out[i] = Double.NaN;
                continue;
            }
            double cum = 0;
            double result = v[n - 1];
            for (int j = 0; j < n; j++) {
                cum += w[j];
                double twice = 2 * cum;
                if (twice > total) {
                    result = v[j];
                    break;
                }
                if (twice == total && j + 1 < n) {
                    result = 0.5 * v[j] + 0.5 * v[j + 1];
                    break;
                }
            }
            out[i] = result;
        }
    }

    /** As {@link FloatKernels#trimmedMean}. */
    static void trimmedMean(double[][] x, float[] raw, int trim, double[] out, int from, int to) {
        int n = x.length;
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = from; i < to; i++) {
            if (sort(x, raw, v, w, i)) {
                out[i] = Double.NaN;
                continue;
            }
            double sum = 0;
            double ws = 0;
            for (int j = trim; j < n - trim; j++) {
                sum += w[j] * v[j];
                ws += w[j];
            }
            out[i] = sum / ws;
        }
    }

    /** Insertion-sorts coordinate i's values with their weights; true when one is NaN. */
    private static boolean sort(double[][] x, float[] raw, double[] v, double[] w, int i) {
        boolean nan = false;
        for (int k = 0; k < x.length; k++) {
            double val = x[k][i];
            nan |= val != val;
            int j = k - 1;
            while (j >= 0 && v[j] > val) {
                v[j + 1] = v[j];
                w[j + 1] = w[j];
                j--;
            }
            v[j + 1] = val;
            w[j + 1] = raw[k];
        }
        return nan;
    }
}
