package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/** The sentinel's ledger as the SN API shows it: registry, liveness, the join token and input checks. */
@ExtendWith(SharedInstance.class)
class LedgerIT {
    private static final Duration READY = Duration.ofSeconds(60);

    private static List<Map<String, Object>> nodes(KarafInstance sn) throws Exception {
        Http.Response response = Http.get(sn.snApiUrl("/nodes"), sn.joinToken());
        assertEquals(200, response.status(), response.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = response.json(List.class);
        return list;
    }

    private static boolean ledgerReady(KarafInstance sn) {
        try {
            return Http.get(sn.snApiUrl("/nodes"), sn.joinToken()).status() == 200 && !nodes(sn).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theSentinelRegistersItselfAndIsAlive(KarafInstance sn) throws Exception {
        Await.require(READY, "the sentinel on the ledger", () -> ledgerReady(sn));
        Map<String, Object> self = nodes(sn).get(0);
        assertEquals("SENTINEL", self.get("type"));
        assertEquals((double) sn.port(KarafInstance.SN_API), self.get("port"));
        assertEquals(true, self.get("alive"));
        String log = sn.log();
        assertTrue(log.contains("Setting up blockchain layer for the swarm node: FINISHED"));
        assertTrue(log.contains("Started I-am-Alive thread"));
    }

    @Test
    void ledgerInfoNamesTheChainAndTheRegistry(KarafInstance sn) throws Exception {
        Await.require(READY, "the ledger", () -> ledgerReady(sn));
        Map<?, ?> body = Http.get(sn.snApiUrl("/ledger"), sn.joinToken()).json(Map.class);
        Map<?, ?> ledger = (Map<?, ?>) body.get("ledger");
        assertEquals("embedded", ledger.get("backend"));
        assertEquals(true, ledger.get("healthy"), ledger.toString());
        assertTrue(String.valueOf(((Map<?, ?>) ledger.get("contracts")).get("Registry")).matches("0x[0-9a-fA-F]{40}"));
    }

    @Test
    void shellCommandsShowNodesAndLedger(KarafInstance sn) throws Exception {
        Await.require(READY, "the ledger", () -> ledgerReady(sn));
        String uid = (String) nodes(sn).get(0).get("uid");
        String table = sn.shell("swarm:nodes").requireOk("swarm:nodes").output();
        assertTrue(table.contains("SENTINEL") && table.contains(uid) && table.contains("Last alive"), table);
        String alive = sn.shell("swarm:nodes --alive --no-format").requireOk("swarm:nodes --alive").output();
        assertTrue(alive.contains(uid), alive);
        String ledger = sn.shell("swarm:ledger").requireOk("swarm:ledger").output();
        assertTrue(ledger.contains("Backend   : embedded") && ledger.contains("Health    : OK")
                && ledger.contains("Contract  : Registry 0x"), ledger);
    }

    @Test
    void everyLedgerRouteNeedsTheJoinToken(KarafInstance sn) throws Exception {
        for (String path : List.of("/nodes", "/ledger", "/nodes/" + UUID.randomUUID())) {
            assertEquals(401, Http.get(sn.snApiUrl(path)).status(), path);
            assertEquals(401, Http.get(sn.snApiUrl(path), "not-the-token").status(), path);
        }
        assertEquals(401, Http.post(sn.snApiUrl("/nodes"), "{}".getBytes()).status());
        assertEquals(200, Http.get(sn.snApiUrl("/is_up")).status(), "readiness stays open");
    }

    @Test
    void aNodeRegistersUnderTheSnAndSendsHeartbeats(KarafInstance sn) throws Exception {
        Await.require(READY, "the ledger", () -> ledgerReady(sn));
        String sentinel = (String) nodes(sn).get(0).get("uid");
        String uid = UUID.randomUUID().toString();
        Http.Response created = Http.postJson(sn.snApiUrl("/nodes"), sn.joinToken(),
                Map.of("uid", uid, "type", "SL", "name", "sl-1", "host", "127.0.0.1", "port", 30305));
        assertEquals(201, created.status(), created.body());
        Map<?, ?> node = created.json(Map.class);
        assertEquals(sentinel, node.get("parentUid"));
        assertEquals(true, node.get("alive"));

        assertEquals(204, Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(sn.snApiUrl("/nodes/" + uid + "/heartbeat"))).header("X-Swarm-Token", sn.joinToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).status());
        assertTrue(nodes(sn).stream().anyMatch(n -> uid.equals(n.get("uid"))));
    }

    @Test
    void malformedRequestsGetClear4xx(KarafInstance sn) throws Exception {
        Await.require(READY, "the ledger", () -> ledgerReady(sn));
        String token = sn.joinToken();
        Http.Response badJson = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sn.snApiUrl("/nodes")))
                .header("X-Swarm-Token", token).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{oops")));
        assertEquals(400, badJson.status());
        assertEquals(400, Http.postJson(sn.snApiUrl("/nodes"), token, Map.of("type", "SN", "host", "h")).status(),
                "an SN does not register through this route");
        assertEquals(400, Http.postJson(sn.snApiUrl("/nodes"), token, Map.of("type", "SL")).status(), "host missing");
        assertEquals(400, Http.postJson(sn.snApiUrl("/nodes"), token,
                Map.of("type", "SL", "host", "h", "uid", "not-a-uuid")).status());
        assertEquals(400, Http.get(sn.snApiUrl("/nodes/not-a-uuid"), token).status());
        assertEquals(404, Http.get(sn.snApiUrl("/nodes/" + UUID.randomUUID()), token).status());
    }
}
