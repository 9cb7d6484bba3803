package org.openswarm.api.ledger;

/**
 * A node's latest performance data (PERFDATA). Loss and metric travel on chain scaled by 10^6, so they keep six
 * decimals.
 *
 * @param round       the round it was measured in
 * @param loss        the model loss
 * @param metric      the model metric
 * @param epochsDone  epochs completed
 * @param totalEpochs epochs in all, at least {@code epochsDone}
 */
public record PerfData(long round, double loss, double metric, long epochsDone, long totalEpochs) {
}
