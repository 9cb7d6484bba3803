package org.openswarm.ledger.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntConsumer;

import org.web3j.crypto.Credentials;

/**
 * A ledger runtime on a real anvil, wired as LedgerComponent wires it for one backend: {@link #embedded} (a
 * supervised anvil whose first account signs) or {@link #rpc} (anvil as an external JSON-RPC node, the SN's key read
 * from a key file, no supervisor).
 */
final class LedgerFixture implements AutoCloseable {
    static final long CHAIN_ID = 4242;

    final Path dir;
    final AnvilSupervisor supervisor;
    final AnvilProcess externalNode;
    final ChainClient chain;
    final DeployedContracts deployed;
    final Web3Ledger ledger;

    private LedgerFixture(Path dir, AnvilSupervisor supervisor, AnvilProcess externalNode, ChainClient chain,
            String backend) {
        this.dir = dir;
        this.supervisor = supervisor;
        this.externalNode = externalNode;
        this.chain = chain;
        this.deployed = new DeployedContracts(dir.resolve("contracts.json"));
        var addresses = new ContractBootstrap(chain, deployed).deployOrReuse();
        this.ledger = new Web3Ledger(backend, chain, new Outbox(dir.resolve("outbox.jsonl"), Clock.systemUTC(),
                Duration.ofMinutes(10)), addresses, supervisor == null ? () -> null : supervisor::problem);
    }

    /**
     * Backend {@code embedded}, recovering after each supervised restart as the product does (contracts checked, the
     * outbox replayed); {@code replayed} hears how many transactions each recovery re-sent.
     */
    static LedgerFixture embedded(Path dir, long memoryCapBytes, IntConsumer replayed) {
        LedgerFixture[] self = new LedgerFixture[1];
        AnvilSupervisor supervisor = new AnvilSupervisor(settings(dir), memoryCapBytes, Duration.ofSeconds(30),
                why -> replayed.accept(new ChainRecovery(self[0].chain, self[0].deployed).afterRestart(self[0].ledger)));
        AnvilProcess anvil = supervisor.start();
        self[0] = new LedgerFixture(dir, supervisor, null,
                new ChainClient(anvil.rpcUrl(), Credentials.create(anvil.privateKey(0)), CHAIN_ID), "embedded");
        return self[0];
    }

    /** Backend {@code rpc}: a chain node the operator runs, and a key file, as etc/org.openswarm.ledger.cfg names. */
    static LedgerFixture rpc(Path dir) {
        AnvilProcess node = AnvilProcess.start(settings(dir));
        try {
            Path keyFile = dir.resolve("sn.key");
            Files.writeString(keyFile, node.privateKey(1) + "\n");
            String key = ChainKeys.privateKey("", keyFile.toString());
            return new LedgerFixture(dir, null, node, new ChainClient(node.rpcUrl(), Credentials.create(key), CHAIN_ID),
                    "rpc");
        } catch (IOException e) {
            node.close();
            throw new UncheckedIOException(e);
        }
    }

    private static AnvilProcess.Settings settings(Path dir) {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new AnvilProcess.Settings(ChainFixture.anvilBinary(), dir.resolve("chain"), socket.getLocalPort(),
                    CHAIN_ID, ChainKeys.mnemonic(dir.resolve("chain")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        chain.close();
        if (supervisor != null)
            supervisor.close();
        if (externalNode != null)
            externalNode.close();
    }
}
