package org.openswarm.examples.digits;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openswarm.client.SwarmModel;
import org.openswarm.common.safetensors.Tensor;

/**
 * Multinomial logistic regression on the 64 pixels, trained with mini-batch SGD on the cross-entropy: the model the
 * reference split's figures were measured with. Its parameters are the F32 tensors {@code fc.weight} [10, 64] and
 * {@code fc.bias} [10], which is all the swarm merges.
 */
public final class SoftmaxRegression implements SwarmModel {
    static final String WEIGHT = "fc.weight";
    static final String BIAS = "fc.bias";
    private static final int K = Dataset.CLASSES;
    private static final int D = Dataset.FEATURES;

    private float[] weight = new float[K * D];
    private float[] bias = new float[K];

    /** One SGD step on rows {@code rows[from..to)} of {@code data}. */
    public void step(Dataset data, int[] rows, int from, int to, float learningRate) {
        float[] gradW = new float[K * D];
        float[] gradB = new float[K];
        float[] p = new float[K];
        int n = to - from;
        for (int r = from; r < to; r++) {
            float[] x = data.x()[rows[r]];
            probabilities(x, p);
            p[data.y()[rows[r]]] -= 1;
            for (int k = 0; k < K; k++) {
                gradB[k] += p[k];
                int base = k * D;
                for (int d = 0; d < D; d++) {
                    gradW[base + d] += p[k] * x[d];
                }
            }
        }
        float scale = learningRate / n;
        for (int i = 0; i < gradW.length; i++) {
            weight[i] -= scale * gradW[i];
        }
        for (int k = 0; k < K; k++) {
            bias[k] -= scale * gradB[k];
        }
    }

    private void probabilities(float[] x, float[] p) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            float z = bias[k];
            int base = k * D;
            for (int d = 0; d < D; d++) {
                z += weight[base + d] * x[d];
            }
            p[k] = z;
            max = Math.max(max, z);
        }
        float sum = 0;
        for (int k = 0; k < K; k++) {
            p[k] = (float) Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < K; k++) {
            p[k] /= sum;
        }
    }

    /** Mean cross-entropy and accuracy on {@code data}. */
    public double[] lossAndAccuracy(Dataset data) {
        float[] p = new float[K];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            probabilities(data.x()[i], p);
            int best = 0;
            for (int k = 1; k < K; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            if (best == data.y()[i]) {
                correct++;
            }
            loss -= Math.log(Math.max(p[data.y()[i]], 1e-12f));
        }
        return new double[] {loss / data.size(), (double) correct / data.size()};
    }

    public double accuracy(Dataset data) {
        return lossAndAccuracy(data)[1];
    }

    @Override
    public LinkedHashMap<String, Tensor> parameters() {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(WEIGHT, Tensor.ofFloats(new long[] {K, D}, weight));
        tensors.put(BIAS, Tensor.ofFloats(new long[] {K}, bias));
        return tensors;
    }

    @Override
    public void load(Map<String, Tensor> merged) {
        float[] w = merged.get(WEIGHT).toFloats();
        float[] b = merged.get(BIAS).toFloats();
        if (w.length != weight.length || b.length != bias.length) {
            throw new IllegalArgumentException("merged parameters do not fit [10, 64] and [10]");
        }
        weight = w;
        bias = b;
    }
}
