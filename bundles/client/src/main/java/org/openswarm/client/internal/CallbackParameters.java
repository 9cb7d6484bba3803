package org.openswarm.client.internal;

import java.util.Map;

/**
 * The callback's parameters after validation, as the session request of docs/ml-api.md carries them.
 * {@code mergeParams} values are numbers; {@code totalEpochs} 0 means "not given".
 */
public record CallbackParameters(int syncFrequency, int minPeers, int maxPeers, String trainingContract,
        boolean useAdaptiveSync, String checkinModelOnTrainEnd, int nodeWeightage, String mergeMethod,
        Map<String, Number> mergeParams, int totalEpochs, String program, String modelDir, String platform) {

    public CallbackParameters {
        mergeParams = Map.copyOf(mergeParams);
    }
}
