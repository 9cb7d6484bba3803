package org.openswarm.sn.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.NodeRecord;
import org.openswarm.api.ledger.NodeRegistration;
import org.openswarm.api.sn.NodeRequest;
import org.openswarm.api.sn.NodeType;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TokenGuard;

/**
 * The registry and liveness routes of the SN API: the only way SL, SWOP and SWCI reach the ledger. Every route needs
 * the join token; while the ledger is not up they answer 503.
 */
final class SnLedgerRoutes {
    private static final int MAX_TEXT = 160;

    private final Supplier<Ledger> ledger;
    private final Supplier<NodePresence> presence;
    private final String snUid;
    private final Liveness liveness;

    SnLedgerRoutes(Supplier<Ledger> ledger, Supplier<NodePresence> presence, String snUid, Liveness liveness) {
        this.ledger = ledger;
        this.presence = presence;
        this.snUid = snUid;
        this.liveness = liveness;
    }

    Routes addTo(Routes routes, TokenGuard guard) {
        return routes
                .get("/ledger", guard.protect(r -> Reply.json(Map.of("sn", snUid, "ledger", ledger().info()))))
                .get("/nodes", guard.protect(this::listNodes))
                .post("/nodes", guard.protect(this::register))
                .get("/nodes/{uid}", guard.protect(r -> Reply.json(liveness.view(known(r.pathParam("uid"))))))
                .post("/nodes/{uid}/heartbeat", guard.protect(this::heartbeat))
                .delete("/nodes/{uid}", guard.protect(this::deregister));
    }

    private Ledger ledger() {
        Ledger current = ledger.get();
        if (current == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The ledger is not ready yet; the SN log says why");
        return current;
    }

    private Reply listNodes(RestRequest request) {
        boolean aliveOnly = request.query("alive").map(Boolean::parseBoolean).orElse(false);
        return Reply.json(ledger().nodes().stream().map(liveness::view).filter(n -> !aliveOnly || n.alive()).toList());
    }

    private Reply register(RestRequest request) {
        NodeRequest node = request.bodyJson(NodeRequest.class);
        if (node.type() == null || node.type() == NodeType.SN || node.type() == NodeType.SENTINEL)
            throw SwarmException.badRequest("type must be SL, SWOP or SWCI");
        if (node.host() == null || node.host().isBlank() || node.host().length() > MAX_TEXT)
            throw SwarmException.badRequest("host is required, at most " + MAX_TEXT + " characters");
        if (node.name() != null && node.name().length() > MAX_TEXT)
            throw SwarmException.badRequest("name is too long (max " + MAX_TEXT + " characters)");
        if (node.port() < 0 || node.port() > 65535)
            throw SwarmException.badRequest("port must be within 0..65535");
        String uid = node.uid() == null || node.uid().isBlank() ? UUID.randomUUID().toString() : node.uid();
        ledger().registerNode(new NodeRegistration(uid, node.type(), node.name(), node.host(), node.port(), snUid,
                node.fingerprint(), null));
        Optional.ofNullable(presence.get()).ifPresent(p -> p.childSeen(uid));
        return Reply.json(201, liveness.view(known(uid)));
    }

    private Reply heartbeat(RestRequest request) {
        NodeRecord node = known(request.pathParam("uid"));
        if (!snUid.equals(node.parentUid()) && !snUid.equals(node.uid()))
            throw new SwarmException(ErrorCode.FORBIDDEN, "Node " + node.uid() + " belongs to SN " + node.parentUid()
                    + "; send its heartbeats there");
        NodePresence current = presence.get();
        if (current == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The SN is not registered on the ledger yet");
        current.childSeen(node.uid());
        return Reply.noContent();
    }

    private Reply deregister(RestRequest request) {
        NodeRecord node = known(request.pathParam("uid"));
        ledger().deregister(node.uid());
        return Reply.noContent();
    }

    private NodeRecord known(String uid) {
        try {
            UUID.fromString(uid);
        } catch (IllegalArgumentException e) {
            throw SwarmException.badRequest("Not a node uid: '" + uid + "'");
        }
        return ledger().node(uid).orElseThrow(() -> SwarmException.notFound("No node " + uid));
    }
}
