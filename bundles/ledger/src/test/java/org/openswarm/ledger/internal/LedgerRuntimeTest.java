package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.web3j.crypto.Credentials;

/** The ledger runtime against a real, supervised anvil: registry round trips, supervision and outbox replay. */
class LedgerRuntimeTest {
    @TempDir
    Path dir;

    private AnvilSupervisor supervisor;
    private ChainClient chain;
    private Web3Ledger ledger;
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();

    @AfterEach
    void stop() {
        if (chain != null)
            chain.close();
        if (supervisor != null)
            supervisor.close();
    }

    private void boot(long memoryCapBytes) throws IOException {
        AnvilProcess.Settings settings = new AnvilProcess.Settings(ChainFixture.anvilBinary(), dir.resolve("chain"),
                freePort(), 4242, ChainKeys.mnemonic(dir.resolve("chain")));
        supervisor = new AnvilSupervisor(settings, memoryCapBytes, Duration.ofSeconds(30), why -> {
            restarts.incrementAndGet();
            replayed.addAndGet(ledger.replayOutbox());
        });
        AnvilProcess anvil = supervisor.start();
        chain = new ChainClient(anvil.rpcUrl(), Credentials.create(anvil.privateKey(0)), 4242);
        var addresses = new ContractBootstrap(chain, new DeployedContracts(dir.resolve("contracts.json")))
                .deployOrReuse();
        ledger = new Web3Ledger("embedded", chain, new Outbox(dir.resolve("outbox.jsonl"), Clock.systemUTC(),
                Duration.ofMinutes(10)), addresses, supervisor::problem);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static NodeRegistration sl(String uid, String parent, int port) {
        return new NodeRegistration(uid, NodeType.SL, "sl-" + port, "127.0.0.1", port, parent, null, null);
    }

    @Test
    void registersListsAndStampsNodes() throws Exception {
        boot(Long.MAX_VALUE);
        String sn = UUID.randomUUID().toString();
        String sl = UUID.randomUUID().toString();
        String fingerprint = "ab".repeat(32);
        ledger.registerNode(new NodeRegistration(sn, NodeType.SENTINEL, "sentinel", "10.0.0.1", 30304, null,
                fingerprint, chain.address()));
        ledger.registerNode(sl(sl, sn, 30305));
        ledger.heartbeat(List.of(sn, sl));

        List<NodeRecord> nodes = ledger.nodes();
        assertEquals(List.of(sn, sl), nodes.stream().map(NodeRecord::uid).toList());
        NodeRecord sentinel = nodes.get(0);
        assertEquals(NodeType.SENTINEL, sentinel.type());
        assertEquals("10.0.0.1", sentinel.host());
        assertEquals(30304, sentinel.port());
        assertNull(sentinel.parentUid());
        assertEquals(fingerprint, sentinel.fingerprint());
        assertTrue(sentinel.account().equalsIgnoreCase(chain.address()));
        assertEquals(sn, ledger.node(sl).orElseThrow().parentUid());
        assertFalse(ledger.node(UUID.randomUUID().toString()).isPresent());

        var info = ledger.info();
        assertTrue(info.healthy(), info.detail());
        assertEquals(4242, info.chainId());
        assertTrue(info.blockHeight() > 0);
    }

    @Test
    void refusalsCarryTheContractsReason() throws Exception {
        boot(Long.MAX_VALUE);
        SwarmException e = assertThrows(SwarmException.class,
                () -> ledger.heartbeat(List.of(UUID.randomUUID().toString())));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("Registry: heartbeat for an unknown node", e.getMessage());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(SwarmException.class,
                () -> ledger.registerNode(sl("not-a-uuid", null, 1))).code());
    }

    @Test
    void directoryRoundTrip() throws Exception {
        boot(Long.MAX_VALUE);
        String address = "0x00000000000000000000000000000000000000aa";
        ledger.registerEntry("some.runner", EntryKind.TASKRUNNER, address);
        assertTrue(ledger.entries().contains(new DirectoryEntry("some.runner", EntryKind.TASKRUNNER, address)));
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
        chain.close();
        supervisor.close(); // SIGTERM: anvil writes its state
        boot(Long.MAX_VALUE);
        assertEquals(registry, ledger.info().contracts().get(ContractNames.REGISTRY));
        assertTrue(ledger.node(sn).isPresent());
    }
}
