package org.openswarm.api.ledger;

/**
 * A training contract as it stands.
 *
 * @param name                 its directory name
 * @param address              where it is deployed
 * @param currentRound         the round after the last merged one (1 for a new training)
 * @param status               ACTIVE or FINISHED (every enrolled node checked out)
 * @param minPeers             the quorum fixed by the first enrollment (0 before any)
 * @param enrolledCount        nodes enrolled in the current training
 * @param closedCount          of those, nodes that checked out
 * @param contextHash          the ML context hash fixed by the first enrollment, null before any
 * @param leaderTimeoutSeconds the leader's deadline for publishing a round's merged model
 */
public record ContractInfo(String name, String address, long currentRound, TrainingStatus status, int minPeers,
        long enrolledCount, long closedCount, String contextHash, long leaderTimeoutSeconds) {
}
