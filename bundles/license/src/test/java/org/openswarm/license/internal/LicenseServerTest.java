package org.openswarm.license.internal;

import org.openswarm.common.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseInfo;
import org.openswarm.api.license.LicenseStatus;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.api.license.Token;
import org.openswarm.api.license.TokenRequest;
import org.openswarm.api.license.Usage;
import org.openswarm.common.http.ErrorBody;
import org.openswarm.common.json.Json;

class LicenseServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @TempDir
    Path keys;

    private final Issuer issuer = new Issuer();
    private LicenseServer server;

    @AfterEach
    void deactivate() {
        if (server != null)
            server.deactivate();
    }

    private LicenseServer start(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0, "dataDir", data.toString(),
                "trustedKeysDir", keys.toString()));
        all.putAll(values);
        server = new LicenseServer(Configs.of(LicenseServerConfig.class, all));
        return server;
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (headers.length > 0)
            request.headers(headers);
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> acquire(Feature feature, String holder) throws Exception {
        return send("POST", "/v1/tokens", Json.gson().toJson(new TokenRequest(feature, holder)));
    }

    private String[] admin() {
        return new String[] {"X-Admin-Token", server.adminToken()};
    }

    private static String error(HttpResponse<String> response) {
        return Json.gson().fromJson(response.body(), ErrorBody.class).message();
    }

    @Test
    void answersIsUpAndStatusToAnyone() throws Exception {
        start(Map.of());
        HttpResponse<String> up = send("GET", "/is_up", null);
        assertEquals(200, up.statusCode());
        assertEquals(Map.of("status", "UP"), Json.gson().fromJson(up.body(), Map.class));
        LicenseStatus status = Json.gson().fromJson(send("GET", "/v1/status", null).body(), LicenseStatus.class);
        assertEquals("community", status.licenses().get(0).id());
        assertEquals(new Usage(Feature.SN, 4, 0), status.usage().get(0));
    }

    @Test
    void tokensAreLeasedRenewedAndReleased() throws Exception {
        start(Map.of());
        HttpResponse<String> first = acquire(Feature.SN, "sn-1");
        assertEquals(201, first.statusCode());
        Token token = Json.gson().fromJson(first.body(), Token.class);
        assertEquals(1800, token.ttlSeconds());
        assertEquals(200, acquire(Feature.SN, "sn-1").statusCode(), "the holder's token again");
        HttpResponse<String> renewed = send("POST", "/v1/tokens/" + token.id() + "/renew", null);
        assertEquals(200, renewed.statusCode());
        assertEquals(token.id(), Json.gson().fromJson(renewed.body(), Token.class).id());
        assertEquals(204, send("DELETE", "/v1/tokens/" + token.id(), null).statusCode());
        assertEquals(404, send("DELETE", "/v1/tokens/" + token.id(), null).statusCode());
        assertEquals(404, send("POST", "/v1/tokens/" + token.id() + "/renew", null).statusCode());
    }

    @Test
    void exhaustedCapacityIsA409ThatSaysWhatToDo() throws Exception {
        start(Map.of());
        for (int i = 0; i < 4; i++)
            assertEquals(201, acquire(Feature.SN, "sn-" + i).statusCode());
        HttpResponse<String> refused = acquire(Feature.SN, "sn-4");
        assertEquals(409, refused.statusCode());
        assertEquals("CONFLICT", Json.gson().fromJson(refused.body(), ErrorBody.class).error());
        assertTrue(error(refused).startsWith("acquireLicense: no free SN token: capacity 4, in use 4"));
    }

    @Test
    void anUnrenewedTokenExpiresAndFreesItsPlace() throws Exception {
        start(Map.of("tokenTtlSeconds", 1));
        List<Token> held = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            held.add(Json.gson().fromJson(acquire(Feature.SN, "sn-" + i).body(), Token.class));
        assertEquals(409, acquire(Feature.SN, "late").statusCode());
        Thread.sleep(1100);
        assertEquals(404, send("POST", "/v1/tokens/" + held.get(0).id() + "/renew", null).statusCode());
        assertEquals(201, acquire(Feature.SN, "late").statusCode());
    }

    @Test
    void fiftyConcurrentAcquisitionsNeverExceedCapacity() throws Exception {
        start(Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String holder = "sl-" + i;
                Callable<Integer> call = () -> {
                    go.await();
                    return acquire(Feature.SL, holder).statusCode();
                };
                answers.add(pool.submit(call));
            }
            go.countDown();
            int granted = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 201)
                    granted++;
                else if (status == 409)
                    refused++;
            }
            assertEquals(16, granted);
            assertEquals(34, refused);
            assertEquals(new Usage(Feature.SL, 16, 16), server.usage().get(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedRequestsAre4xx() throws Exception {
        start(Map.of());
        assertEquals(400, send("POST", "/v1/tokens", "{not json").statusCode());
        assertEquals(400, send("POST", "/v1/tokens", "").statusCode());
        assertEquals(400, send("POST", "/v1/tokens", "{\"feature\":\"GPU\",\"holder\":\"x\"}").statusCode());
        assertEquals(400, send("POST", "/v1/tokens", "{\"feature\":\"SN\"}").statusCode());
        assertEquals(400, send("POST", "/v1/tokens", "[1,2]").statusCode());
        assertEquals(400, send("POST", "/v1/tokens/not%20a%20token/renew", null).statusCode());
        assertEquals(404, send("POST", "/v1/tokens/0000-1111/renew", null).statusCode());
        assertEquals(404, send("DELETE", "/v1/tokens/0000-1111", null).statusCode());
        assertEquals(405, send("PUT", "/v1/tokens", "{}").statusCode());
        assertEquals(413, send("POST", "/v1/tokens", "x".repeat(70_000)).statusCode());
        assertEquals(400, send("POST", "/v1/licenses", "{\"keyId\":1", admin()).statusCode());
    }

    @Test
    void adminRoutesNeedTheAdminToken() throws Exception {
        start(Map.of());
        Path tokenFile = server.adminTokenFile();
        assertEquals(server.adminToken(), Files.readString(tokenFile).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String license = Json.gson().toJson(issuer.license("acme", Instant.now(), Map.of(Feature.SN, 2)));
        assertEquals(401, send("GET", "/v1/licenses", null).statusCode());
        assertEquals(401, send("GET", "/v1/licenses", null, "X-Admin-Token", "guess").statusCode());
        assertEquals(401, send("POST", "/v1/licenses", license).statusCode());
        assertEquals(401, send("DELETE", "/v1/licenses/acme", null).statusCode());
        assertEquals(401, send("GET", "/v1/tokens", null).statusCode());
        assertEquals(200, send("GET", "/v1/licenses", null, "Authorization", "Bearer " + server.adminToken())
                .statusCode());
    }

    @Test
    void licensesAreInstalledListedAndRemovedOverRest() throws Exception {
        issuer.writeInto(keys, "fleet");
        start(Map.of());
        SignedLicense signed = issuer.license("acme", Instant.now(), Map.of(Feature.SN, 2));
        HttpResponse<String> installed = send("POST", "/v1/licenses", Json.gson().toJson(signed), admin());
        assertEquals(201, installed.statusCode(), installed.body());
        LicenseInfo info = Json.gson().fromJson(installed.body(), LicenseInfo.class);
        assertEquals(issuer.keyId, info.keyId());
        assertEquals(200, send("POST", "/v1/licenses", Json.gson().toJson(signed), admin()).statusCode());
        LicenseInfo[] listed = Json.gson().fromJson(send("GET", "/v1/licenses", null, admin()).body(),
                LicenseInfo[].class);
        assertEquals(List.of("community", "acme"), List.of(listed[0].id(), listed[1].id()));
        assertEquals(6, server.usage().get(0).capacity());

        HttpResponse<String> forged = send("POST", "/v1/licenses", Json.gson().toJson(new Issuer().license("evil",
                Instant.now(), Map.of(Feature.SN, 100))), admin());
        assertEquals(400, forged.statusCode());
        assertTrue(error(forged).contains("unknown key id"));

        assertEquals(409, send("DELETE", "/v1/licenses/community", null, admin()).statusCode());
        assertEquals(404, send("DELETE", "/v1/licenses/nope", null, admin()).statusCode());
        assertEquals(204, send("DELETE", "/v1/licenses/acme", null, admin()).statusCode());
        assertEquals(4, server.usage().get(0).capacity());
    }

    @Test
    void aRestartKeepsLicensesTokensAndTheAdminToken() throws Exception {
        issuer.writeInto(keys, "fleet");
        start(Map.of());
        server.install(issuer.license("acme", Instant.now(), Map.of(Feature.SN, 1)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++)
            ids.add(Json.gson().fromJson(acquire(Feature.SN, "sn-" + i).body(), Token.class).id());
        String adminToken = server.adminToken();
        server.deactivate();

        start(Map.of());
        assertEquals(adminToken, server.adminToken());
        assertEquals(List.of("community", "acme"), server.licenses().stream().map(LicenseInfo::id).toList());
        assertEquals(ids, server.tokens().stream().map(Token::id).toList());
        assertEquals(409, acquire(Feature.SN, "sn-5").statusCode(), "no double issue after a restart");
        assertEquals(200, send("POST", "/v1/tokens/" + ids.get(2) + "/renew", null).statusCode());
    }

    @Test
    void aConfigurationChangeMovesThePortAndKeepsTheTokens() throws Exception {
        start(Map.of());
        int before = server.port();
        acquire(Feature.SN, "sn-1");
        server.modified(Configs.of(LicenseServerConfig.class, Map.of("host", "127.0.0.1", "port", 0, "dataDir",
                data.toString(), "trustedKeysDir", keys.toString(), "tokenTtlSeconds", 5)));
        assertEquals(before, server.port(), "only the TTL changed: the server keeps running");
        assertEquals(5, Json.gson().fromJson(acquire(Feature.SN, "sn-2").body(), Token.class).ttlSeconds());
        server.modified(Configs.of(LicenseServerConfig.class, Map.of("host", "127.0.0.1", "port", 0, "dataDir",
                data.toString(), "trustedKeysDir", keys.toString(), "maxRequestBytes", 1024L)));
        assertNotEquals(-1, server.port());
        assertEquals(2, server.usage().get(0).inUse());
    }
}
