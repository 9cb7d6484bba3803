package org.openswarm.api.sn;

/**
 * The SN running in this container, registered as an OSGi service while its API server is bound. Later issues add
 * the ledger operations; for now it tells where the API answers.
 */
public interface SwarmNetworkNode {
    /** The node's current status: type, bound host and port. */
    SnStatus status();

    /** The product and API version this node speaks. */
    VersionInfo version();
}
