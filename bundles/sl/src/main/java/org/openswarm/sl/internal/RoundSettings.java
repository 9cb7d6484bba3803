package org.openswarm.sl.internal;

/**
 * The SL's round timing, from its configuration.
 *
 * @param fullQuorumWaitMillis how long a leader waits for more peers once minPeers are in
 * @param leaderTimeoutMillis  how long after the freeze a participant waits before it takes the merge over
 * @param pollMillis           how often a waiting SL reads its round
 * @param fetchParallelism     peer blobs a leader downloads at once
 * @param fetchAttempts        tries per peer blob before the leader merges without it
 */
record RoundSettings(long fullQuorumWaitMillis, long leaderTimeoutMillis, long pollMillis, int fetchParallelism,
        int fetchAttempts) {

    static RoundSettings of(SlConfig config) {
        return new RoundSettings(config.fullQuorumWaitSeconds() * 1000L, config.leaderTimeoutSeconds() * 1000L,
                config.pollMillis(), config.fetchParallelism(), 3);
    }
}
