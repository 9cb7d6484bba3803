package org.openswarm.sn.internal;

import org.openswarm.common.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An SN whose ledger is not up yet: readiness answers, every ledger route says 503 (after the token check). */
class SnWithoutLedgerTest {
    private static final String TOKEN = "test-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private SwarmApiServer sn;

    @BeforeEach
    void start() {
        sn = new SwarmApiServer("1", Configs.of(SnConfig.class,
                Map.of("host", "127.0.0.1", "apiPort", 0, "ledgerPort", 0, "joinToken", TOKEN)));
    }

    @AfterEach
    void stop() {
        sn.deactivate();
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sn.boundPort() + path))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"account\":\"0x" + "1".repeat(40) + "\"}"));
        if (token != null)
            request.header("X-Swarm-Token", token);
        return http.send(request.build(), BodyHandlers.ofString());
    }

    @Test
    void readinessAnswersWithoutTheLedger() throws Exception {
        assertEquals(200, send("GET", "/is_up", null).statusCode());
    }

    @Test
    void ledgerRoutesSay503AfterTheTokenCheck() throws Exception {
        for (String path : List.of("/ledger", "/nodes", "/contracts", "/tasks", "/taskrunners")) {
            assertEquals(401, send("GET", path, null).statusCode(), path);
            HttpResponse<String> response = send("GET", path, TOKEN);
            assertEquals(503, response.statusCode(), path);
            assertTrue(response.body().contains("\"error\":\"UNAVAILABLE\""), response.body());
        }
        assertEquals(503, send("POST", "/join", TOKEN).statusCode(), "no chain here to join");
    }

    @Test
    void licenseStatusSaysWhenNoClientIsThere() {
        assertTrue(sn.licenseStatus().startsWith("no license client"), sn.licenseStatus());
    }
}
