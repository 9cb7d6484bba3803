package org.openswarm.client;

/**
 * The node's validation data ({@code adsValData}): evaluates the live model, which holds the merged parameters when
 * the callback calls it. Its results go to the SL (PERFDATA, adaptive sync).
 */
@FunctionalInterface
public interface Evaluator {
    Evaluation evaluate();
}
