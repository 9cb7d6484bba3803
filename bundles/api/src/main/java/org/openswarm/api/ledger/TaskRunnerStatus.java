package org.openswarm.api.ledger;

import java.util.List;

/**
 * A taskrunner as it stands.
 *
 * @param name          its directory name
 * @param address       where it is deployed
 * @param state         IDLE before the first assignment and after a reset, RUNNING, COMPLETE or ERROR
 * @param currentTask   the task of the current assignment, null when none
 * @param assignmentId  counts the assignments (0 before the first)
 * @param requiredPeers the quorum of the current assignment
 * @param targetUid     the SWOP the current assignment targets, null when none
 * @param enrolledSwops the SWOPs listening on it, in enrollment order
 * @param peers         the SWOPs that claimed the current assignment, in claim order, with their status
 * @param countsPairs   the assignment gave n peers, so {@code requiredPeers} and the peers' shares count the SL/ML
 *                      pairs each SWOP claimed; with all peers or a target each SWOP counts 1
 */
public record TaskRunnerStatus(String name, String address, TaskState state, String currentTask, long assignmentId,
        int requiredPeers, String targetUid, List<String> enrolledSwops, List<PeerState> peers, boolean countsPairs) {

    /** How much {@code peer} counts towards {@code requiredPeers}. */
    public int share(PeerState peer) {
        return countsPairs ? peer.pairs() : 1;
    }

    /**
     * One SWOP of the current assignment.
     *
     * @param uid         its UUID
     * @param status      what it reported last
     * @param description its description of that status
     * @param pairs       the pairs it claimed to run (SL/ML pairs for RUN_SWARM, 1 otherwise)
     */
    public record PeerState(String uid, TaskState status, String description, int pairs) {
    }
}
