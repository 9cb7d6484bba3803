package org.openswarm.examples.digits;

/**
 * The one set of training settings every mode uses (nodes, local-only baselines and the central model), so the
 * comparison is fair. The defaults were chosen by reasoning and the in-process mean-merging simulation
 * (src/test/.../MeanMergeSimulation), never by picking seeds: see README.md.
 *
 * @param steps SGD steps (batches) each model trains; the same for every node, so all nodes sync the same rounds
 */
public record Hyperparameters(float learningRate, int batchSize, int steps, int syncFrequency, double alpha,
        double testShare) {
    public static final Hyperparameters DEFAULT = new Hyperparameters(1.0f, 32, 480, 12, 0.3, 0.2);

    /** Epochs a node of {@code size} samples runs through in {@link #steps()} batches, rounded up. */
    public int epochsFor(int size) {
        if (size == 0) {
            return 1;
        }
        int batchesPerEpoch = Math.max(1, size / Math.max(1, Math.min(batchSize, size)));
        return Math.max(1, (steps + batchesPerEpoch - 1) / batchesPerEpoch);
    }
}
