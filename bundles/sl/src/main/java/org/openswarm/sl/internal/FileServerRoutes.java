package org.openswarm.sl.internal;

import org.openswarm.api.SwarmException;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.http.Routes;

/**
 * The file server (design §5, port 30305): peers fetch this SL's parameters of a round and the merged models it
 * holds. Bodies stream from disk; the SHA-256 travels in {@code X-Swarm-Sha256} and the fetcher checks it against
 * the ledger anyway. Unknown contracts, rounds and nodes are 404.
 */
final class FileServerRoutes {
    private final String uid;
    private final BlobStore store;

    FileServerRoutes(String uid, BlobStore store) {
        this.uid = uid;
        this.store = store;
    }

    Routes routes() {
        return new Routes()
                .get("/v1/params/{contract}/{round}/{uid}", this::params)
                .get("/v1/merged/{contract}/{round}", this::merged);
    }

    private Reply params(RestRequest request) {
        String contract = request.pathParam("contract");
        long round = round(request);
        String node = request.pathParam("uid");
        if (!uid.equals(node))
            throw SwarmException.notFound("This file server holds the parameters of node " + uid + " only, not "
                    + node);
        Blob blob = store.contribution(contract, round).orElseThrow(() -> SwarmException.notFound(
                "No parameters of round " + round + " of " + contract + " here"));
        return serve(blob);
    }

    private Reply merged(RestRequest request) {
        String contract = request.pathParam("contract");
        long round = round(request);
        Blob blob = store.merged(contract, round).orElseThrow(() -> SwarmException.notFound(
                "No merged model of round " + round + " of " + contract + " here"));
        return serve(blob);
    }

    private static Reply serve(Blob blob) {
        return Reply.file(200, MlApiRoutes.OCTET_STREAM, blob.file()).header(PeerFetcher.HASH_HEADER, blob.sha256());
    }

    private static long round(RestRequest request) {
        String text = request.pathParam("round");
        try {
            long round = Long.parseLong(text);
            if (round < 1)
                throw new NumberFormatException();
            return round;
        } catch (NumberFormatException e) {
            throw SwarmException.badRequest("round must be a positive integer, was '" + text + "'");
        }
    }
}
