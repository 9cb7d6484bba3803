package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;

/** A sentinel and a second SN in two distributions on loopback: the second joins through the sentinel's relay. */
class JoiningSnIT {
    private static final Duration READY = Duration.ofSeconds(90);

    private static Map<String, String> nodeTypes(KarafInstance sn, String token) {
        try {
            Http.Response response = Http.get(sn.snApiUrl("/nodes"), token);
            if (response.status() != 200)
                return Map.of();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> nodes = response.json(List.class);
            return nodes.stream().filter(n -> Boolean.TRUE.equals(n.get("alive")))
                    .collect(Collectors.toMap(n -> (String) n.get("uid"), n -> (String) n.get("type")));
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static Map<?, ?> ledger(KarafInstance sn, String token) throws Exception {
        return (Map<?, ?>) Http.get(sn.snApiUrl("/ledger"), token).json(Map.class).get("ledger");
    }

    @Test
    void aSecondSnJoinsThroughTheSentinelAndBothSeeEachOther() throws Exception {
        try (KarafInstance sentinel = KarafInstance.builder("sentinel").build().start()) {
            String token = sentinel.joinToken();
            Await.require(READY, "the sentinel on the ledger", () -> nodeTypes(sentinel, token).size() == 1);
            String sentinelUrl = "http://127.0.0.1:" + sentinel.port(KarafInstance.SN_API);
            try (KarafInstance second = KarafInstance.builder("second")
                    .config("org.openswarm.sn", "sentinel", "false")
                    .config("org.openswarm.sn", "name", "sn-2")
                    .config("org.openswarm.sn", "joinToken", token)
                    .config("org.openswarm.ledger", "backend", "sentinel")
                    .config("org.openswarm.ledger", "sentinelUrl", sentinelUrl)
                    .config("org.openswarm.ledger", "joinToken", token)
                    .build().start()) {
                Await.require(READY, "both SNs alive on both", () -> nodeTypes(sentinel, token).size() == 2
                        && nodeTypes(second, token).size() == 2);
                Set<String> types = Set.copyOf(nodeTypes(second, token).values());
                assertEquals(Set.of("SENTINEL", "SN"), types);

                Map<?, ?> joined = ledger(second, token);
                assertEquals("sentinel", joined.get("backend"));
                assertEquals(((Map<?, ?>) ledger(sentinel, token).get("contracts")).get("Registry"),
                        ((Map<?, ?>) joined.get("contracts")).get("Registry"));
                assertTrue(second.log().contains("Sentinel Node is UP!"));

                for (KarafInstance sn : List.of(sentinel, second)) {
                    String table = sn.shell("swarm:nodes --no-format").requireOk("swarm:nodes").output();
                    assertTrue(table.contains("SENTINEL") && table.contains("sn-2"), table);
                }
            }
        }
    }

    @Test
    void theRelayNeedsTheTokenAndForwardsOnlyKnownMethods() throws Exception {
        try (KarafInstance sentinel = KarafInstance.builder("relay").build().start()) {
            String token = sentinel.joinToken();
            Await.require(READY, "the sentinel on the ledger", () -> nodeTypes(sentinel, token).size() == 1);
            String relay = "http://127.0.0.1:" + sentinel.port(KarafInstance.LEDGER_RELAY) + "/";
            String chainId = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}";
            assertEquals(401, Http.post(relay, chainId.getBytes()).status());
            Http.Response ok = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relay))
                    .header("X-Swarm-Token", token).POST(java.net.http.HttpRequest.BodyPublishers.ofString(chainId)));
            assertEquals(200, ok.status(), ok.body());
            assertTrue(ok.body().contains("\"result\""), ok.body());
            String admin = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_setBalance\",\"params\":[]}";
            assertEquals(403, Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relay))
                    .header("X-Swarm-Token", token).POST(java.net.http.HttpRequest.BodyPublishers.ofString(admin)))
                    .status());
            assertEquals(400, Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(relay))
                    .header("X-Swarm-Token", token).POST(java.net.http.HttpRequest.BodyPublishers.ofString("[1,2")))
                    .status());
            assertEquals(400, Http.postJson(sentinel.snApiUrl("/join"), token, Map.of("account", "nope")).status());
        }
    }
}
