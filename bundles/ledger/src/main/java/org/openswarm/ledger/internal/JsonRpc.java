package org.openswarm.ledger.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import org.openswarm.common.json.Json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Bare JSON-RPC calls for the supervisor, which must not depend on web3j's connection state. */
final class JsonRpc {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI url;

    JsonRpc(String url) {
        this.url = URI.create(url);
    }

    /** The result of a call, or throws IOException when the node does not answer or answers with an error. */
    JsonElement call(String method, Object... params) throws IOException {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", 1);
        request.addProperty("method", method);
        request.add("params", Json.gson().toJsonTree(List.of(params)));
        try {
            String body = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), BodyHandlers.ofString())
                    .body();
            JsonObject response = Json.gson().fromJson(body, JsonObject.class);
            if (response == null || response.has("error"))
                throw new IOException(method + " failed: " + body);
            return response.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static long hex(JsonElement value) {
        return Long.decode(value.getAsString());
    }
}
