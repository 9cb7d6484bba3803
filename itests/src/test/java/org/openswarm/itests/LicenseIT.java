package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/** The license server in the distribution: the SN holds a token, the community capacity, the admin token. */
@ExtendWith(SharedInstance.class)
class LicenseIT {
    private static String url(KarafInstance box, String path) {
        return "http://127.0.0.1:" + box.port(KarafInstance.LICENSE) + path;
    }

    private static int inUse(KarafInstance box, String feature) throws Exception {
        Map<?, ?> status = Http.get(url(box, "/v1/status")).json(Map.class);
        for (Object item : (List<?>) status.get("usage")) {
            Map<?, ?> usage = (Map<?, ?>) item;
            if (feature.equals(usage.get("feature")))
                return ((Number) usage.get("inUse")).intValue();
        }
        return -1;
    }

    @Test
    void theSnHoldsAnSnTokenFromTheLocalServer(KarafInstance box) throws Exception {
        Await.require(Duration.ofSeconds(60), "the SN's license token",
                () -> box.shell("swarm:ledger").output().contains("License   : SN token"));
        assertEquals(1, inUse(box, "SN"));
        assertTrue(box.log().contains("License server listening on port :" + box.port(KarafInstance.LICENSE)));
    }

    @Test
    void communityCapacityIsSixteenSlTokensAndTheSeventeenthIsAClearRefusal(KarafInstance box) throws Exception {
        List<String> tokens = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Http.Response token = Http.send(HttpRequest.newBuilder(URI.create(url(box, "/v1/tokens")))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"feature\":\"SL\",\"holder\":\"" + UUID.randomUUID() + "\"}")));
                assertEquals(201, token.status(), token.body());
                tokens.add((String) token.json(Map.class).get("id"));
            }
            Http.Response refused = Http.send(HttpRequest.newBuilder(URI.create(url(box, "/v1/tokens")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"feature\":\"SL\",\"holder\":\"" + UUID.randomUUID() + "\"}")));
            assertEquals(409, refused.status());
            assertTrue(refused.body().contains("no free SL token"), refused.body());
        } finally {
            for (String id : tokens)
                assertEquals(204, Http.send(HttpRequest.newBuilder(URI.create(url(box, "/v1/tokens/" + id))).DELETE())
                        .status());
        }
        assertEquals(0, inUse(box, "SL"));
    }

    @Test
    void licensesNeedTheAdminToken(KarafInstance box) throws Exception {
        assertEquals(401, Http.get(url(box, "/v1/licenses")).status());
        String admin = Files.readString(box.home().resolve("data/openswarm/license/admin-token")).trim();
        Http.Response licenses = Http.send(HttpRequest.newBuilder(URI.create(url(box, "/v1/licenses")))
                .header("X-Admin-Token", admin).GET());
        assertEquals(200, licenses.status());
        assertTrue(licenses.body().contains("\"id\":\"community\""), licenses.body());
        String listed = box.shell("swarm:license-list").requireOk("swarm:license-list").output();
        assertTrue(listed.contains("community"), listed);
        assertEquals(400, Http.send(HttpRequest.newBuilder(URI.create(url(box, "/v1/tokens")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"feature\":\"XX\"}")))
                .status());
    }
}
