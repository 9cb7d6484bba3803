package org.openswarm.ledger.internal;

/** Names under which contract addresses are kept and shown. */
final class ContractNames {
    static final String REGISTRY = "Registry";

    private ContractNames() {
    }
}
