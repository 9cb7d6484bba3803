package org.openswarm.api.ledger;

import java.util.List;

/**
 * One round of a training.
 *
 * @param round          its number (from 1)
 * @param leader         the uid of its leader, null while no node eligible as leader has checked in
 * @param frozen         whether the leader froze its participants
 * @param participants   the frozen participants in merge order, empty before the freeze
 * @param checkins       the check-ins recorded for it (uid, parameter hash, weight), in check-in order
 * @param mergedHash     the merged model's SHA-256 (64 hex digits), null until published
 * @param leaderDeadline when the leader may be replaced (epoch seconds): leaderTimeoutSeconds after the freeze for a
 *                       frozen round, after the quorum for an unfrozen one (a leader that died before its freeze);
 *                       0 while the round has no quorum or is merged
 */
public record RoundInfo(long round, String leader, boolean frozen, List<String> participants,
        List<RoundCheckin> checkins, String mergedHash, long leaderDeadline) {

    /** Whether the node checked in for this round. */
    public boolean checkedIn(String uid) {
        return checkin(uid) != null;
    }

    /** The node's check-in for this round, null when it has none. */
    public RoundCheckin checkin(String uid) {
        if (checkins == null || uid == null)
            return null;
        for (RoundCheckin c : checkins) {
            if (uid.equalsIgnoreCase(c.uid()))
                return c;
        }
        return null;
    }
}
