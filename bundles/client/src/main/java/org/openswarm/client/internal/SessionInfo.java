package org.openswarm.client.internal;

/** The answer to opening a session. */
public record SessionInfo(String sessionId, String uid, String trainingContract, long round, int syncInterval,
        boolean resumed) {
}
