package org.openswarm.client;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openswarm.common.safetensors.Tensor;

/**
 * The model whose parameters the swarm merges. The Java counterpart of the reference's framework hooks
 * {@code _saveModelWeightsToDict} and {@code _loadModelWeightsFromDict}.
 */
public interface SwarmModel {

    /** The current parameters, named and in a stable order; every node of a training must send the same layout. */
    LinkedHashMap<String, Tensor> parameters();

    /** Replaces the parameters with the merged ones (same names, shapes and dtypes as {@link #parameters()}). */
    void load(Map<String, Tensor> merged);
}
