package org.openswarm.client;

/** Loss and metric (for example accuracy) of a model on the node's validation data. */
public record Evaluation(double loss, double metric) {
}
