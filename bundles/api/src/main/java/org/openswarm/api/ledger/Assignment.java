package org.openswarm.api.ledger;

/**
 * What to run on a taskrunner and with which peers: exactly one of {@code peers} (that many SWOPs, whichever claim
 * first), {@code allPeers} (every SWOP enrolled now) or {@code targetUid} (that one enrolled SWOP).
 *
 * @param task      a finalized task
 * @param peers     the quorum, 0 when another mode is used
 * @param allPeers  every enrolled SWOP
 * @param targetUid the UUID of one SWOP, null when another mode is used
 */
public record Assignment(String task, int peers, boolean allPeers, String targetUid) {
    public static Assignment withPeers(String task, int peers) {
        return new Assignment(task, peers, false, null);
    }

    public static Assignment withAllPeers(String task) {
        return new Assignment(task, 0, true, null);
    }

    public static Assignment targeting(String task, String swopUid) {
        return new Assignment(task, 0, false, swopUid);
    }
}
