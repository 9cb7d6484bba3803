package org.openswarm.api.sn;

import java.util.List;
import java.util.Optional;

import org.openswarm.api.ledger.LedgerInfo;

/**
 * The SN running in this container, as the shell and other local components see it.
 */
public interface SwarmNetworkNode {
    /** The node's current status: type, bound host and port. */
    SnStatus status();

    /** The product and API version this node speaks. */
    VersionInfo version();

    /** This SN's node uid. */
    String uid();

    /**
     * Every node on the ledger with its liveness, in registration order.
     *
     * @throws org.openswarm.api.SwarmException {@code UNAVAILABLE} while the ledger is not ready
     */
    List<NodeView> nodes();

    /** The ledger's state, or empty while the ledger is not ready. */
    Optional<LedgerInfo> ledger();

    /** One line on this SN's license token: held, retrying, or past the grace period. */
    String licenseStatus();
}
