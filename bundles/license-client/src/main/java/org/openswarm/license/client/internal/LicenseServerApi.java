package org.openswarm.license.client.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.Token;
import org.openswarm.api.license.TokenRequest;
import org.openswarm.common.http.ErrorBody;
import org.openswarm.common.json.Json;

/** The license server's token routes, as a typed client. Every failure is a {@link SwarmException}. */
final class LicenseServerApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    LicenseServerApi(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port + "/");
    }

    URI base() {
        return base;
    }

    Token acquire(Feature feature, String holder) {
        return Json.gson().fromJson(send(HttpRequest.newBuilder(base.resolve("v1/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.gson().toJson(new TokenRequest(feature, holder))))),
                Token.class);
    }

    Token renew(String tokenId) {
        return Json.gson().fromJson(send(HttpRequest.newBuilder(base.resolve("v1/tokens/" + tokenId + "/renew"))
                .POST(HttpRequest.BodyPublishers.noBody())), Token.class);
    }

    void release(String tokenId) {
        send(HttpRequest.newBuilder(base.resolve("v1/tokens/" + tokenId)).DELETE());
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT).build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Unable to connect to the license server at " + base
                    + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Interrupted while calling the license server", e);
        }
        if (response.statusCode() / 100 == 2)
            return response.body();
        ErrorBody error;
        try {
            error = Json.gson().fromJson(response.body(), ErrorBody.class);
        } catch (RuntimeException notJson) {
            error = null;
        }
        if (error == null || error.error() == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The license server at " + base + " answered "
                    + response.statusCode() + " without an OpenSwarm error body: is it a license server?");
        throw error.toException();
    }
}
