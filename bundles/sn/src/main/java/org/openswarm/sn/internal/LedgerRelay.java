package org.openswarm.sn.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Set;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.http.RestServerOptions;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TokenGuard;
import org.openswarm.common.json.Json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

/**
 * The sentinel's ledger port (30303): joining SNs reach the chain through it, so the chain node itself stays on
 * loopback. It checks the join token and forwards only the JSON-RPC methods the product uses; transactions are
 * signed by the joining SN's own key, so the relay can carry them but not forge them.
 */
final class LedgerRelay implements AutoCloseable {
    static final Set<String> METHODS = Set.of("eth_chainId", "net_version", "web3_clientVersion", "eth_blockNumber",
            "eth_getBalance", "eth_getTransactionCount", "eth_getCode", "eth_call", "eth_estimateGas", "eth_gasPrice",
            "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_getBlockByNumber", "eth_sendRawTransaction",
            "eth_getTransactionReceipt", "eth_getTransactionByHash", "eth_getLogs");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI chain;
    private final RestServer server;

    LedgerRelay(String chainRpcUrl, RestServerOptions options, TokenGuard guard) {
        this.chain = URI.create(chainRpcUrl);
        this.server = RestServer.start("sn-ledger", options, new Routes().post("/", guard.protect(this::relay)));
    }

    int port() {
        return server.port();
    }

    private Reply relay(RestRequest request) throws IOException, InterruptedException {
        String body = request.bodyText();
        JsonElement parsed;
        try {
            parsed = Json.gson().fromJson(body, JsonElement.class);
        } catch (JsonParseException e) {
            throw SwarmException.badRequest("Not JSON-RPC: " + e.getMessage());
        }
        if (parsed == null || !(parsed.isJsonObject() || parsed.isJsonArray()))
            throw SwarmException.badRequest("Not JSON-RPC: a request object or a batch array is expected");
        JsonArray calls = parsed.isJsonArray() ? parsed.getAsJsonArray() : single(parsed.getAsJsonObject());
        for (JsonElement call : calls) {
            if (!call.isJsonObject() || !call.getAsJsonObject().has("method"))
                throw SwarmException.badRequest("Not JSON-RPC: every call needs a method");
            String method = call.getAsJsonObject().get("method").getAsString();
            if (!METHODS.contains(method))
                throw new SwarmException(ErrorCode.FORBIDDEN, "The ledger relay does not forward " + method);
        }
        var answer = http.send(HttpRequest.newBuilder(chain).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString());
        if (answer.statusCode() != 200)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The chain node answered " + answer.statusCode());
        return Reply.rawJson(answer.body());
    }

    private static JsonArray single(JsonObject call) {
        JsonArray array = new JsonArray();
        array.add(call);
        return array;
    }

    @Override
    public void close() {
        server.close();
    }
}
