package org.openswarm.sn.internal;

import org.openswarm.api.sn.SwarmNetworkNode;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.Routes;

/** The routes of the SN REST API; {@code docs/sn-api.md} documents each one. */
final class SnApiRoutes {
    private SnApiRoutes() {
    }

    static Routes of(SwarmNetworkNode node) {
        return new Routes()
                .get("/is_up", request -> Reply.json(node.status()))
                .get("/version", request -> Reply.json(node.version()));
    }
}
