package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;

/** The sentinel keeps the ledger through its own restart and through a kill -9 of the chain node. */
class SentinelRecoveryIT {
    private static final Duration READY = Duration.ofSeconds(60);

    private static Set<String> nodeUids(KarafInstance sn) throws Exception {
        Http.Response response = Http.get(sn.snApiUrl("/nodes"), sn.joinToken());
        if (response.status() != 200)
            return Set.of();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = response.json(List.class);
        return nodes.stream().map(n -> (String) n.get("uid")).collect(Collectors.toSet());
    }

    private static boolean has(KarafInstance sn, java.util.Collection<String> uids) {
        try {
            return nodeUids(sn).containsAll(uids);
        } catch (Exception e) {
            return false;
        }
    }

    private static void awaitSentinel(KarafInstance sn) {
        Await.require(READY, "the sentinel on the ledger", () -> {
            try {
                return !nodeUids(sn).isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String registry(KarafInstance sn) throws Exception {
        Map<?, ?> ledger = (Map<?, ?>) Http.get(sn.snApiUrl("/ledger"), sn.joinToken()).json(Map.class).get("ledger");
        return (String) ((Map<?, ?>) ledger.get("contracts")).get("Registry");
    }

    private static List<String> registerSls(KarafInstance sn, int count) throws Exception {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uid = UUID.randomUUID().toString();
            Http.Response response = Http.postJson(sn.snApiUrl("/nodes"), sn.joinToken(),
                    Map.of("uid", uid, "type", "SL", "name", "sl-" + i, "host", "127.0.0.1", "port", 31000 + i));
            assertEquals(201, response.status(), response.body());
            uids.add(uid);
        }
        return uids;
    }

    @Test
    void restartKeepsRegistrationsAndContractAddresses() throws Exception {
        try (KarafInstance sn = KarafInstance.builder("restart").build().start()) {
            awaitSentinel(sn);
            List<String> sls = registerSls(sn, 3);
            String registry = registry(sn);
            Set<String> before = nodeUids(sn);

            sn.restart();

            Await.require(READY, "every registration after the restart", () -> has(sn, before));
            assertEquals(registry, registry(sn), "the contracts are reused, not deployed again");
            assertTrue(nodeUids(sn).containsAll(sls));
            assertTrue(sn.log().contains("Reusing the contracts deployed on this chain"));
        }
    }

    @Test
    void killingTheChainNodeAfterABurstLosesNothing() throws Exception {
        try (KarafInstance sn = KarafInstance.builder("kill9").build().start()) {
            awaitSentinel(sn);
            List<String> burst = registerSls(sn, 12);
            long anvil = Long.parseLong(Files.readString(
                    sn.home().resolve("data/openswarm/ledger/chain/anvil.pid")).trim());
            ProcessHandle.of(anvil).orElseThrow().destroyForcibly(); // kill -9, right after the burst

            Await.require(READY, "the supervisor's restart and every registration of the burst",
                    () -> has(sn, burst));
            long restarted = Long.parseLong(Files.readString(
                    sn.home().resolve("data/openswarm/ledger/chain/anvil.pid")).trim());
            assertTrue(restarted != anvil, "anvil was restarted");
            assertTrue(sn.log().contains("Restarting the embedded chain node (anvil exited)"));
        }
    }
}
