package org.openswarm.merge.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Straightforward double-precision references for the engine's methods (counted participants only). */
final class Reference {
    private Reference() {
    }

    static int[] active(float[] w) {
        return IntStream.range(0, w.length).filter(k -> w[k] > 0).toArray();
    }

    static double mean(double[] v, float[] w, int[] a) {
        double s = 0;
        double ws = 0;
        for (int k : a) {
            s += w[k] * v[k];
            ws += w[k];
        }
        return s / ws;
    }

    static double median(double[] v, float[] w, int[] a) {
        Integer[] order = Arrays.stream(a).boxed().toArray(Integer[]::new);
        for (int k : a) {
            if (Double.isNaN(v[k])) {
                return Double.NaN;
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> v[k]));
        double total = 0;
        for (int k : a) {
            total += w[k];
        }
        double cum = 0;
        for (int j = 0; j < order.length; j++) {
            cum += w[order[j]];
            if (2 * cum > total) {
                return v[order[j]];
            }
            if (2 * cum == total) {
                return 0.5 * v[order[j]] + 0.5 * v[order[j + 1]];
            }
        }
        return v[order[order.length - 1]];
    }

    static double trimmed(double[] v, float[] w, int[] a, int trim) {
        for (int k : a) {
            if (Double.isNaN(v[k])) {
                return Double.NaN;
            }
        }
        Integer[] order = Arrays.stream(a).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(k -> v[k]));
        double s = 0;
        double ws = 0;
        for (int j = trim; j < order.length - trim; j++) {
            s += w[order[j]] * v[order[j]];
            ws += w[order[j]];
        }
        return s / ws;
    }

    /** Plain weighted Weiszfeld from the weighted mean. */
    static double[] geomedian(double[][] x, float[] w, int[] a) {
        int p = x[0].length;
        double[] z = new double[p];
        double total = 0;
        for (int k : a) {
            total += w[k];
        }
        for (int k : a) {
            for (int i = 0; i < p; i++) {
                z[i] += w[k] / total * x[k][i];
            }
        }
        for (int it = 0; it < 5000; it++) {
            double[] c = new double[x.length];
            double cs = 0;
            for (int k : a) {
                double d = 0;
                for (int i = 0; i < p; i++) {
                    d += (x[k][i] - z[i]) * (x[k][i] - z[i]);
                }
                c[k] = w[k] / Math.max(Math.sqrt(d), 1e-12);
                cs += c[k];
            }
            double[] nz = new double[p];
            for (int k : a) {
                for (int i = 0; i < p; i++) {
                    nz[i] += c[k] / cs * x[k][i];
                }
            }
            double step = 0;
            for (int i = 0; i < p; i++) {
                step += (nz[i] - z[i]) * (nz[i] - z[i]);
            }
            z = nz;
            if (Math.sqrt(step) < 1e-9) {
                break;
            }
        }
        return z;
    }

    /** sum_k w_k ||x_k - z||: what GEOMEDIAN minimises. */
    static double objective(double[][] x, float[] w, int[] a, double[] z) {
        double f = 0;
        for (int k : a) {
            double d = 0;
            for (int i = 0; i < z.length; i++) {
                d += (x[k][i] - z[i]) * (x[k][i] - z[i]);
            }
            f += w[k] * Math.sqrt(d);
        }
        return f;
    }
}
