package org.openswarm.api.ledger;

/**
 * What the sentinel's SN needs from the ledger to let other SNs join: registered only where this box runs the chain
 * (backend {@code embedded}).
 */
public interface NetworkAdmin {
    /** The chain node's JSON-RPC URL on loopback, which the SN relays to joining SNs on its ledger port. */
    String chainRpcUrl();

    /**
     * Funds a joining SN's account so it can pay for its transactions, and admits it as a writer. Both are
     * idempotent: a second call for the same account tops up nothing that is still funded and admits nothing new.
     */
    JoinGrant admit(String account);
}
