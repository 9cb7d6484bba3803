package org.openswarm.api.ledger;

import java.util.List;

/**
 * One round of a training.
 *
 * @param round        its number (from 1)
 * @param leader       the uid of its leader, null while no node eligible as leader has checked in
 * @param frozen       whether the leader froze its participants
 * @param participants the frozen participants in merge order, empty before the freeze
 * @param checkins     the uids that checked in for it, in check-in order
 * @param mergedHash   the merged model's SHA-256 (64 hex digits), null until published
 * @param leaderDeadline when the leader may be replaced (epoch seconds), 0 while not frozen
 */
public record RoundInfo(long round, String leader, boolean frozen, List<String> participants, List<String> checkins,
        String mergedHash, long leaderDeadline) {
}
