package org.openswarm.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openswarm.common.json.Json;

class TokenGuardTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private RestServer server;

    @BeforeEach
    void start() {
        TokenGuard guard = new TokenGuard(() -> "s3cret");
        TokenGuard admin = new TokenGuard(() -> "adm1n", "X-Admin-Token", "admin token");
        server = RestServer.start("guarded", RestServerOptions.plain("127.0.0.1", 0),
                new Routes().get("/open", r -> Reply.json(Map.of("ok", true)))
                        .get("/closed", guard.protect(r -> Reply.json(Map.of("ok", true))))
                        .get("/admin", admin.protect(r -> Reply.json(Map.of("ok", true)))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int status(String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path));
        if (header != null)
            request.header(header, value);
        var response = http.send(request.build(), BodyHandlers.ofString());
        if (response.statusCode() == 401)
            assertEquals("UNAUTHORIZED", Json.gson().fromJson(response.body(), ErrorBody.class).error());
        return response.statusCode();
    }

    @Test
    void openRoutesNeedNoToken() throws Exception {
        assertEquals(200, status("/open", null, null));
    }

    @Test
    void guardedRoutesNeedTheToken() throws Exception {
        assertEquals(401, status("/closed", null, null));
        assertEquals(401, status("/closed", TokenGuard.HEADER, "wrong"));
        assertEquals(401, status("/closed", "Authorization", "Basic czNjcmV0"));
        assertEquals(200, status("/closed", TokenGuard.HEADER, "s3cret"));
        assertEquals(200, status("/closed", "Authorization", "Bearer s3cret"));
    }

    @Test
    void aGuardCanNameItsOwnHeader() throws Exception {
        assertEquals(401, status("/admin", null, null));
        assertEquals(401, status("/admin", TokenGuard.HEADER, "adm1n"));
        assertEquals(401, status("/admin", "X-Admin-Token", "s3cret"));
        assertEquals(200, status("/admin", "X-Admin-Token", "adm1n"));
        assertEquals(200, status("/admin", "Authorization", "Bearer adm1n"));
    }

    @Test
    void theRefusalNamesTheToken() throws Exception {
        var response = http.send(HttpRequest.newBuilder(server.uri().resolve("/admin")).build(),
                BodyHandlers.ofString());
        String message = Json.gson().fromJson(response.body(), ErrorBody.class).message();
        assertEquals("This route needs the admin token (header X-Admin-Token or Authorization: Bearer)", message);
    }
}
