package org.openswarm.api.ledger;

import java.time.Instant;

import org.openswarm.api.sn.NodeType;

/** A node as the ledger records it; {@link #lastHeartbeat} tells liveness. */
public record NodeRecord(String uid, NodeType type, String name, String host, int port, String parentUid,
        String fingerprint, String account, Instant registeredAt, Instant lastHeartbeat, boolean active) {
}
