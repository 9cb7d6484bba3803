package org.openswarm.api.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The swarm's shared state on chain. Only the SN uses it; SL, SWOP and SWCI reach it through the SN's REST API.
 * Writes block until the transaction is mined and are idempotent, so a repeated call changes nothing. Failures are
 * {@link org.openswarm.api.SwarmException}s: {@code UNAVAILABLE} when the chain cannot be reached, {@code CONFLICT} or
 * {@code BAD_REQUEST} with the contract's own revert reason when it refuses.
 */
public interface Ledger {
    /** Backend, chain id, block height, contract addresses and health. */
    LedgerInfo info();

    /** Registers a node, or updates its endpoint; an SN's account becomes a writer. */
    void registerNode(NodeRegistration node);

    /** Stamps the nodes alive now, in one transaction. */
    void heartbeat(Collection<String> uids);

    /** Marks a node as gone; it stays listed, inactive. */
    void deregister(String uid);

    /** Every node ever registered, in registration order. */
    List<NodeRecord> nodes();

    Optional<NodeRecord> node(String uid);

    /** Names a deployed contract in the directory; the same name and address again is a no-op. */
    void registerEntry(String name, EntryKind kind, String address);

    /** The directory of named training contracts, taskrunners and task registries. */
    List<DirectoryEntry> entries();

    /** The named training contracts; {@link TrainingContracts#DEFAULT} exists from the start. */
    TrainingContracts contracts();

    /** The task registry. */
    Tasks tasks();

    /** The named taskrunners; {@link TaskRunners#DEFAULT} exists from the start. */
    TaskRunners taskRunners();
}
