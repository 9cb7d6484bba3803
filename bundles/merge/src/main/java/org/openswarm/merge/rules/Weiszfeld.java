package org.openswarm.merge.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GEOMEDIAN's iteration control, weighted Weiszfeld over the whole array as one point, with the engine's passes over
 * the data behind {@link Passes}. Starts from the weighted mean; stops when the step is below
 * {@link #TOLERANCE}, after {@link #MAX_ITERATIONS}, when the step is not a number, or when the step equals one of
 * the three before it (a cycle). Non-finite inputs are the engine's to detect before (every output is then NaN).
 */
public final class Weiszfeld {
    /** Stop when the step's Euclidean norm is below this. */
    public static final double TOLERANCE = 1e-6;
    public static final int MAX_ITERATIONS = 1000;
    /** Distances below this count as this (Weiszfeld divides by them). */
    public static final double MIN_DISTANCE = 1e-12;

    private static final Logger LOG = LoggerFactory.getLogger(Weiszfeld.class);

    /** An engine's two passes over the participants' data and the current point z. */
    public interface Passes {
        /** z = sum_k coef[k] x[k]; returns ||z_new - z_old||^2. */
        double combine(double[] coef);

        /** d2[k] = ||x[k] - z||^2. */
        void distances(double[] d2);
    }

    private Weiszfeld() {
    }

    /** Runs the iteration; {@code raw} are the participants' weights (all > 0). */
    public static void run(float[] raw, Passes passes) {
        int n = raw.length;
        double total = MergeRules.total(raw);
        double[] coef = new double[n];
        for (int k = 0; k < n; k++) {
            coef[k] = raw[k] / total;
        }
        passes.combine(coef);
        double[] history = {Double.NaN, Double.NaN, Double.NaN};
        double[] d2 = new double[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            passes.distances(d2);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                coef[k] = raw[k] / Math.max(Math.sqrt(d2[k]), MIN_DISTANCE);
                sum += coef[k];
            }
            for (int k = 0; k < n; k++) {
                coef[k] /= sum;
            }
            double delta = Math.sqrt(passes.combine(coef));
            if (!(delta >= TOLERANCE)) {
                break;
            }
            if (delta == history[0] || delta == history[1] || delta == history[2]) {
                LOG.debug("geomedian: step {} repeats after {} iterations, stopping", delta, it + 1);
                break;
            }
            history[2] = history[1];
            history[1] = history[0];
            history[0] = delta;
        }
    }
}
