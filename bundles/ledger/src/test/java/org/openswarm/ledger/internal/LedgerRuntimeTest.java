package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.EntryKind;
import org.openswarm.api.ledger.NodeRecord;
import org.openswarm.api.ledger.NodeRegistration;
import org.openswarm.api.sn.NodeType;

/** The ledger runtime against a real, supervised anvil: registry round trips, supervision and outbox replay. */
class LedgerRuntimeTest {
    @TempDir
    Path dir;

    private LedgerFixture fixture;
    private AnvilSupervisor supervisor;
    private ChainClient chain;
    private Web3Ledger ledger;
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();

    @AfterEach
    void stop() {
        if (fixture != null)
            fixture.close();
    }

    private void boot(long memoryCapBytes) {
        fixture = LedgerFixture.embedded(dir, memoryCapBytes, resent -> {
            restarts.incrementAndGet();
            replayed.addAndGet(resent);
        });
        supervisor = fixture.supervisor;
        chain = fixture.chain;
        ledger = fixture.ledger;
    }

    private static NodeRegistration sl(String uid, String parent, int port) {
        return new NodeRegistration(uid, NodeType.SL, "sl-" + port, "127.0.0.1", port, parent, null, null);
    }

    @Test
    void aKilledChainIsRestartedAndTheOutboxRestoresWhatItLost() throws Exception {
        boot(Long.MAX_VALUE);
        String sn = UUID.randomUUID().toString();
        ledger.registerNode(new NodeRegistration(sn, NodeType.SENTINEL, "s", "h", 1, null, null, chain.address()));
        Thread.sleep(2500); // the sentinel's registration is in a state snapshot now
        Path state = dir.resolve("chain/state.json");
        Path before = dir.resolve("state-before-burst.json");
        Files.copy(state, before);
        List<String> burst = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID().toString()).toList();
        for (int i = 0; i < burst.size(); i++)
            ledger.registerNode(sl(burst.get(i), sn, 40000 + i));

        // kill -9 and make sure the chain comes back without the burst, as if no snapshot had caught it.
        supervisor.process().kill();
        Files.copy(before, state, StandardCopyOption.REPLACE_EXISTING);
        supervisor.check();

        assertEquals(1, restarts.get());
        assertTrue(supervisor.process().isAlive());
        assertEquals(burst.size(), replayed.get(), "every lost registration is sent again");
        Set<String> present = ledger.nodes().stream().map(NodeRecord::uid).collect(Collectors.toSet());
        assertTrue(present.containsAll(burst), "lost registrations: " + burst.stream()
                .filter(uid -> !present.contains(uid)).toList());
        assertTrue(present.contains(sn));
    }

    @Test
    void aChainThatComesBackEmptyGetsItsContractsAtTheSameAddressesAndEveryRecentWrite() throws Exception {
        boot(Long.MAX_VALUE);
        Map<String, String> addresses = ledger.addresses();
        String sn = UUID.randomUUID().toString();
        ledger.registerNode(new NodeRegistration(sn, NodeType.SENTINEL, "s", "h", 1, null, null, chain.address()));
        List<String> sls = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList();
        for (int i = 0; i < sls.size(); i++)
            ledger.registerNode(sl(sls.get(i), sn, 41000 + i));

        // kill -9 before any snapshot: the chain node comes back with a fresh genesis
        supervisor.process().kill();
        Files.deleteIfExists(dir.resolve("chain/state.json"));
        supervisor.check();

        assertEquals(1, restarts.get());
        assertEquals(addresses, ledger.addresses(), "the contracts are back at the same addresses");
        assertTrue(chain.hasCode(addresses.get(ContractNames.REGISTRY)));
        assertTrue(replayed.get() >= 1 + sls.size(), "replayed " + replayed.get());
        Set<String> present = ledger.nodes().stream().map(NodeRecord::uid).collect(Collectors.toSet());
        assertTrue(present.contains(sn) && present.containsAll(sls), "missing after recovery: " + present);
    }

    @Test
    void aChainOverItsMemoryCapIsRestarted() throws Exception {
        boot(1024); // 1 KiB: any anvil is over it
        supervisor.check();
        assertEquals(1, restarts.get());
        assertTrue(supervisor.process().isAlive());
    }

    @Test
    void aRestartedSentinelReusesItsContracts() throws Exception {
        boot(Long.MAX_VALUE);
        String registry = ledger.info().contracts().get(ContractNames.REGISTRY);
        String sn = UUID.randomUUID().toString();
        ledger.registerNode(new NodeRegistration(sn, NodeType.SENTINEL, "s", "h", 1, null, null, chain.address()));
        fixture.close(); // SIGTERM: anvil writes its state
        boot(Long.MAX_VALUE);
        assertEquals(registry, ledger.info().contracts().get(ContractNames.REGISTRY));
        assertTrue(ledger.node(sn).isPresent());
    }
}
