package org.openswarm.examples.digits;

import java.util.Random;

/**
 * Runs {@link Hyperparameters#steps()} mini-batch SGD steps over one data set, reshuffling at every epoch, and tells
 * a {@link Hooks} (the SwarmCallback, or nothing for local-only training) about batches and epochs.
 */
public final class Trainer {

    /** The training-loop events of reference §6.3. */
    public interface Hooks {
        Hooks NONE = new Hooks() { };

        default void onTrainBegin() {
        }

        default void onBatchEnd() {
        }

        default void onEpochEnd() {
        }

        default void onTrainEnd() {
        }

        /** True to stop early (the SL said the training is over). */
        default boolean stop() {
            return false;
        }
    }

    private Trainer() {
    }

    public static void train(SoftmaxRegression model, Dataset data, Hyperparameters hp, long shuffleSeed,
            Hooks hooks) {
        Random random = new Random(shuffleSeed);
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int batch = Math.max(1, Math.min(hp.batchSize(), n));
        int position = n; // forces a shuffle before the first batch
        hooks.onTrainBegin();
        for (int step = 0; step < hp.steps() && !hooks.stop(); step++) {
            if (n > 0) {
                if (position + batch > n) {
                    shuffle(order, random);
                    position = 0;
                }
                model.step(data, order, position, position + batch, hp.learningRate());
                position += batch;
            }
            hooks.onBatchEnd();
            if (n > 0 && position + batch > n) {
                hooks.onEpochEnd();
            }
        }
        hooks.onTrainEnd();
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
