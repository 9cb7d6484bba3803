package org.openswarm.api.sn;

/**
 * A node as the SN API shows it ({@code GET /nodes}): the ledger's record plus liveness.
 *
 * @param registeredAt  epoch seconds
 * @param lastHeartbeat epoch seconds
 * @param alive         whether the last heartbeat is recent enough (fewer than the configured number missed)
 */
public record NodeView(String uid, NodeType type, String name, String host, int port, String parentUid,
        String fingerprint, long registeredAt, long lastHeartbeat, boolean active, boolean alive) {
}
