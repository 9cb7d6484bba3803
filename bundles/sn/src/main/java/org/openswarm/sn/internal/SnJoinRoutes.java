package org.openswarm.sn.internal;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.JoinGrant;
import org.openswarm.api.ledger.NetworkAdmin;
import org.openswarm.api.sn.JoinAnswer;
import org.openswarm.api.sn.JoinRequest;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TokenGuard;

/** {@code POST /join}: the sentinel admits a joining SN's account (funds it, makes it a writer) and tells it the chain. */
final class SnJoinRoutes {
    private SnJoinRoutes() {
    }

    static Routes addTo(Routes routes, TokenGuard guard, Supplier<NetworkAdmin> admin, IntSupplier relayPort) {
        return routes.post("/join", guard.protect(request -> {
            JoinRequest join = request.bodyJson(JoinRequest.class);
            if (join.account() == null || !join.account().matches("0x[0-9a-fA-F]{40}"))
                throw SwarmException.badRequest("account must be an address (0x and 40 hex digits)");
            NetworkAdmin current = admin.get();
            int port = relayPort.getAsInt();
            if (current == null || port < 0)
                throw new SwarmException(ErrorCode.UNAVAILABLE, "This SN does not run the network's chain (it is not "
                        + "the sentinel, or its ledger is not ready yet)");
            JoinGrant grant = current.admit(join.account());
            return Reply.json(new JoinAnswer(grant.chainId(), grant.contracts(), port));
        }));
    }
}
