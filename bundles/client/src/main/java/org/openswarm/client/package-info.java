/**
 * The Java SwarmCallback: an ML program syncs its parameters with its Swarm Learning node through
 * {@link org.openswarm.client.SwarmCallback}, following the reference callback's parameters and lifecycle.
 *
 * <pre>{@code
 * SwarmCallback cb = SwarmCallback.builder(12, 5)          // syncFrequency, minPeers
 *         .trainingContract("digits").totalEpochs(10)
 *         .adsValData(() -> new Evaluation(loss(val), accuracy(val)))
 *         .build(model);                                   // model implements SwarmModel
 * cb.onTrainBegin();
 * for (int epoch = 0; epoch < 10 && !cb.isTrainingOver(); epoch++) {
 *     for (Batch b : batches) { step(model, b); cb.onBatchEnd(); }
 *     cb.onEpochEnd();
 * }
 * cb.onTrainEnd();                                         // the model is now the final swarm model
 * }</pre>
 *
 * Outside OSGi the jar needs only Gson beside it: it carries copies of {@code org.openswarm.common.safetensors} and
 * {@code org.openswarm.common.json}. Inside OSGi it imports those packages from the common bundle.
 */
@Export
@Version("1.0.0")
package org.openswarm.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
