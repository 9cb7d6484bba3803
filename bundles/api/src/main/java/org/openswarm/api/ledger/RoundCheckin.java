package org.openswarm.api.ledger;

/**
 * One node's check-in for a round.
 *
 * @param uid       the node's UUID
 * @param paramHash the SHA-256 of its parameters (64 hex digits)
 * @param weight    its weight in the merge, 1..100
 */
public record RoundCheckin(String uid, String paramHash, int weight) {
}
