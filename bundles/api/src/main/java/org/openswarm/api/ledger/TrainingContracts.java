package org.openswarm.api.ledger;

import java.util.List;

/**
 * The named training contracts (the "blackboards"), one per training; reached through {@link Ledger#contracts()}.
 * A contract is addressed by its directory name, e.g. {@value #DEFAULT}. Writes go through the SN's outbox, so a chain
 * restart loses none of them. Unknown names are {@code NOT_FOUND}; the contract's refusals are {@code CONFLICT} with
 * its revert reason; malformed arguments are {@code BAD_REQUEST}.
 */
public interface TrainingContracts {
    /** The contract every ledger has from the start. */
    String DEFAULT = "defaultbb.cqdb.sml.hpe";
    /** The leader deadline a contract gets when none is given (the reference's default, 10 minutes). */
    long DEFAULT_LEADER_TIMEOUT_SECONDS = 600;

    /**
     * Deploys a training contract and names it in the directory. A name already in the directory is a
     * {@code CONFLICT} "contract already exists".
     *
     * @param name                 1..160 bytes of UTF-8
     * @param leaderTimeoutSeconds how long a round's leader may take to publish the merged model before another
     *                             participant may take over; 1 or more
     */
    ContractInfo create(String name, long leaderTimeoutSeconds);

    /** {@link #create(String, long)} with {@link #DEFAULT_LEADER_TIMEOUT_SECONDS}. */
    default ContractInfo create(String name) {
        return create(name, DEFAULT_LEADER_TIMEOUT_SECONDS);
    }

    /** The training contracts of the directory, in creation order. */
    List<DirectoryEntry> list();

    /** Static information and current round of a contract. */
    ContractInfo info(String name);

    /** The contract's information and every enrolled node's state, with its latest performance data. */
    ContractStatus status(String name);

    /** Puts the contract back to ACTIVE, round 1, no nodes, for a new training under the same name. */
    void reset(String name);

    // ----------------------------------------------------------------------------------------------- SL operations

    /**
     * Enrolls a node (an SL). The first enrollment fixes the training's ML context hash and minPeers; a node that
     * brings another is refused.
     *
     * @param contextHash 64 hex digits (SHA-256 of the ML context)
     */
    void enroll(String name, String uid, String contextHash, int minPeers, boolean eligibleLeader);

    /**
     * Checks a node in for a round with its parameters' SHA-256 (64 hex digits) and its weight 1..100. A check-in for
     * the current round after its freeze is a late one: the contract records it for the next round. Repeating a
     * check-in with the same hash is a no-op (also for a late one).
     *
     * @return the round the check-in is recorded for: {@code round}, or {@code round + 1} for a late check-in
     */
    long checkin(String name, String uid, long round, String paramHash, int weight);

    /** The leader freezes the current round's participants (uids, in merge order). */
    void freeze(String name, String leaderUid, long round, List<String> participants);

    /** The leader publishes the merged model's SHA-256 of a frozen round; the next round becomes current. */
    void publishMerged(String name, String leaderUid, long round, String mergedHash);

    /**
     * A participant hands a frozen round's merge to the next eligible participant once the leader's deadline passed.
     * The call names the leader it replaces: when that one was already replaced (by another participant, or by this
     * same call, replayed), it is a no-op, so the leader never moves twice for one failure.
     *
     * @param failedLeader the leader the caller saw miss its deadline
     */
    void failover(String name, String uid, long round, String failedLeader);

    /** {@link #failover(String, String, long, String)} replacing the round's leader as it stands now. */
    default void failover(String name, String uid, long round) {
        failover(name, uid, round, round(name, round).leader());
    }

    /** Records a node's latest performance data. */
    void reportPerf(String name, String uid, PerfData perf);

    /** A node ends its training; when every enrolled node has, the training is FINISHED. */
    void checkout(String name, String uid, CheckoutMode mode);

    /** One round of the current training. */
    RoundInfo round(String name, long round);
}
