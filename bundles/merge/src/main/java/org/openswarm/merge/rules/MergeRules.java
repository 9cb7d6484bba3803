package org.openswarm.merge.rules;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.openswarm.api.merge.MergeMethod;

/** Argument checks and weight handling shared by every {@link org.openswarm.api.merge.MergeEngine}. */
public final class MergeRules {
    /** The participants that take part (weight > 0): their inputs and raw weights, in the caller's order. */
    public record Participants<T>(T[] inputs, float[] weights) {
        public int count() {
            return weights.length;
        }
    }

    private MergeRules() {
    }

    /** {@link #checkMerge(MergeMethod, float[][], float[], int)}, then the participants with weight > 0. */
    public static Participants<float[]> participants(MergeMethod method, float[][] inputs, float[] weights,
            int outLength) {
        checkMerge(method, inputs, weights, outLength);
        int[] active = active(weights);
        return new Participants<>(pick(inputs, active), pick(weights, active));
    }

    /** {@link #participants(MergeMethod, float[][], float[], int)} for F64 tensors. */
    public static Participants<double[]> participants(MergeMethod method, double[][] inputs, float[] weights,
            int outLength) {
        checkMerge(method, inputs, weights, outLength);
        int[] active = active(weights);
        return new Participants<>(pick(inputs, active), pick(weights, active));
    }

    /**
     * One participant is the result, copied (GEOMEDIAN excepted: it still turns non-finite inputs into NaN).
     *
     * @return whether {@code out} was written
     */
    public static boolean copiedSingle(MergeMethod method, Object[] x, Object out) {
        if (x.length != 1 || method == MergeMethod.GEOMEDIAN) {
            return false;
        }
        System.arraycopy(x[0], 0, out, 0, java.lang.reflect.Array.getLength(out));
        return true;
    }

    /**
     * Checks a per-tensor merge: not KRUM, at least one input, one finite weight >= 0 per input, at least one weight
     * > 0, every input as long as {@code out}.
     *
     * @throws IllegalArgumentException naming the first rule broken
     */
    public static void checkMerge(MergeMethod method, float[][] inputs, float[] weights, int outLength) {
        checkWeights(method, inputs.length, weights);
        for (int k = 0; k < inputs.length; k++) {
            checkLength(k, inputs[k].length, outLength);
        }
    }

    /** {@link #checkMerge(MergeMethod, float[][], float[], int)} for F64 tensors. */
    public static void checkMerge(MergeMethod method, double[][] inputs, float[] weights, int outLength) {
        checkWeights(method, inputs.length, weights);
        for (int k = 0; k < inputs.length; k++) {
            checkLength(k, inputs[k].length, outLength);
        }
    }

    private static void checkWeights(MergeMethod method, int n, float[] weights) {
        if (method == MergeMethod.KRUM) {
            throw new IllegalArgumentException("KRUM selects a whole model: the model merger scores participants "
                    + "with addSquaredDistances; it is not a per-tensor merge");
        }
        if (n < 1) {
            throw new IllegalArgumentException("no inputs to merge");
        }
        if (weights.length != n) {
            throw new IllegalArgumentException(n + " inputs but " + weights.length + " weights");
        }
        boolean any = false;
        for (int k = 0; k < n; k++) {
            float w = weights[k];
            if (!(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("weight " + k + " is " + w + ": weights must be finite and >= 0");
            }
            any |= w > 0;
        }
        if (!any) {
            throw new IllegalArgumentException("every weight is 0: nothing to merge");
        }
    }

    private static void checkLength(int k, int length, int outLength) {
        if (length != outLength) {
            throw new IllegalArgumentException("input " + k + " has " + length + " values, out has " + outLength);
        }
    }

    /** Checks addSquaredDistances: one row of {@code acc} per input, every input of the same length. */
    public static void checkDistances(float[][] inputs, double[][] acc) {
        int n = inputs.length;
        if (acc.length != n) {
            throw new IllegalArgumentException("acc is " + acc.length + " rows for " + n + " inputs");
        }
        if (n < 2) {
            return;
        }
        int p = inputs[0].length;
        for (float[] x : inputs) {
            if (x.length != p) {
                throw new IllegalArgumentException("inputs differ in length: " + x.length + " and " + p);
            }
        }
    }

    /** The indices of the participants that take part: weight > 0 (weight 0 means "left out", not "counted as 0"). */
    private static int[] active(float[] weights) {
        return IntStream.range(0, weights.length).filter(k -> weights[k] > 0).toArray();
    }

    /** {@code values} at the {@code active} indices, in order (the inputs or the weights of the participants). */
    private static <T> T[] pick(T[] values, int[] active) {
        T[] r = Arrays.copyOf(values, active.length);
        for (int a = 0; a < active.length; a++) {
            r[a] = values[active[a]];
        }
        return r;
    }

    /** {@code weights} at the {@code active} indices, in order. */
    private static float[] pick(float[] weights, int[] active) {
        float[] r = new float[active.length];
        for (int a = 0; a < active.length; a++) {
            r[a] = weights[active[a]];
        }
        return r;
    }

    /** The sum of the weights, in double (the normalisation divisor). */
    public static double total(float[] raw) {
        double total = 0;
        for (float r : raw) {
            total += r;
        }
        return total;
    }

    /** MEAN's float weights: raw[k] / sum, divided in double, then rounded to float. */
    public static float[] normalised(float[] raw) {
        double total = total(raw);
        float[] w = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            w[k] = (float) (raw[k] / total);
        }
        return w;
    }

    /** MEAN's double weights (F64 tensors): raw[k] / sum. */
    public static double[] normalisedDouble(float[] raw) {
        double total = total(raw);
        double[] w = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            w[k] = raw[k] / total;
        }
        return w;
    }

    /** Whether all weights are equal (the unweighted median then applies). */
    public static boolean equal(float[] raw) {
        for (float r : raw) {
            if (r != raw[0]) {
                return false;
            }
        }
        return true;
    }
}
