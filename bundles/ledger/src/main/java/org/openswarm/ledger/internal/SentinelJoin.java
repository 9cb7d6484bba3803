package org.openswarm.ledger.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.sn.JoinAnswer;
import org.openswarm.api.sn.JoinRequest;
import org.openswarm.common.http.ErrorBody;
import org.openswarm.common.http.TokenGuard;
import org.openswarm.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A joining SN's way into the network: waits for the sentinel's API, then asks it to admit this SN's account. The
 * answer names the chain and the contracts; transactions then go through the sentinel's relay.
 */
final class SentinelJoin {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelJoin.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI sentinel;
    private final String token;

    SentinelJoin(String sentinelUrl, String token) {
        if (sentinelUrl == null || sentinelUrl.isBlank())
            throw SwarmException.badRequest("backend sentinel needs sentinelUrl in etc/" + LedgerConfig.PID + ".cfg");
        if (token == null || token.isBlank())
            throw SwarmException.badRequest("backend sentinel needs joinToken in etc/" + LedgerConfig.PID + ".cfg "
                    + "(the sentinel keeps it in data/openswarm/sn/join-token)");
        this.sentinel = URI.create(sentinelUrl.endsWith("/") ? sentinelUrl : sentinelUrl + "/");
        this.token = token;
    }

    JoinAnswer join(String account) {
        URI isUp = sentinel.resolve("is_up");
        LOG.info("Using URL : {}", isUp);
        send(HttpRequest.newBuilder(isUp).GET(), "Contacting the sentinel");
        LOG.info("Sentinel Node is UP!");
        String body = send(HttpRequest.newBuilder(sentinel.resolve("join")).header(TokenGuard.HEADER, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.gson().toJson(new JoinRequest(account)))),
                "Joining through the sentinel");
        return Json.gson().fromJson(body, JoinAnswer.class);
    }

    /** The relay's JSON-RPC URL: the sentinel's host, its ledger port. */
    String relayUrl(JoinAnswer answer) {
        return "http://" + sentinel.getHost() + ":" + answer.relayPort() + "/";
    }

    String token() {
        return token;
    }

    private String send(HttpRequest.Builder request, String what) {
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2)
                return response.body();
            ErrorBody error = parse(response.body());
            throw new SwarmException(error == null ? ErrorCode.UNAVAILABLE : ErrorCode.fromWire(error.error()),
                    what + " at " + sentinel + " failed (" + response.statusCode() + "): "
                            + (error == null ? response.body() : error.message()));
        } catch (IOException e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, what + ": the sentinel at " + sentinel
                    + " does not answer (" + e.getMessage() + "); check sentinelUrl and that its SN runs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmException(ErrorCode.UNAVAILABLE, what + " interrupted", e);
        }
    }

    private static ErrorBody parse(String body) {
        try {
            return Json.gson().fromJson(body, ErrorBody.class);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
