package org.openswarm.client.internal;

/**
 * A merged (or final) model as the SL hands it out, with the headers that steer the client.
 *
 * @param nextInterval batches until the next sync, or 0 when the SL did not say
 */
public record MergedModel(byte[] body, long round, int nextInterval, boolean trainingOver, boolean contributed) {
}
