package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.function.Executable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A real anvil chain for contract tests: started on a free loopback port with the well-known test mnemonic, so
 * {@link #account(int)} 0..9 are funded. One fixture per test class; {@link #close()} stops anvil.
 */
final class ChainFixture implements AutoCloseable {
    static final long CHAIN_ID = 31337;
    static final String MNEMONIC = "test test test test test test test test test test test junk";
    /** anvil's private keys for {@link #MNEMONIC}, accounts 0..3. */
    private static final String[] KEYS = {
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    };

    final AnvilProcess anvil;
    final Web3j web3;
    final ContractGasProvider gas = new StaticEIP1559GasProvider(CHAIN_ID, BigInteger.valueOf(50_000_000_000L),
            BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(8_000_000));

    ChainFixture() {
        try {
            Path dir = Files.createTempDirectory("openswarm-anvil");
            anvil = AnvilProcess.start(new AnvilProcess.Settings(anvilBinary(), dir, freePort(), CHAIN_ID, MNEMONIC));
            web3 = Web3j.build(new HttpService(anvil.rpcUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path anvilBinary() {
        String path = System.getProperty("openswarm.anvil");
        if (path == null)
            throw new IllegalStateException("System property openswarm.anvil must name the anvil binary (mvn sets it)");
        return Path.of(path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Credentials account(int index) {
        return Credentials.create(KEYS[index]);
    }

    /** A transaction manager that signs as account {@code index} (EIP-155, this chain's id). */
    TransactionManager signer(int index) {
        // web3j's default receipt polling sleeps 15 s; anvil mines at once.
        return new RawTransactionManager(web3, account(index), CHAIN_ID,
                new PollingTransactionReceiptProcessor(web3, 10, 3000));
    }

    /** A 32-byte id whose first byte is {@code n}. */
    static byte[] id(int n) {
        byte[] id = new byte[32];
        id[0] = (byte) n;
        id[31] = (byte) (n >> 8);
        return id;
    }

    /** Asserts that the call reverts and that the revert reason contains {@code reason}. */
    static void assertReverts(String reason, Executable call) {
        Exception e = assertThrows(Exception.class, call);
        assertTrue(String.valueOf(e.getMessage()).contains(reason),
                "expected revert reason '" + reason + "' but got: " + e.getMessage());
    }

    /** Moves the chain's clock forward by {@code seconds} and mines a block stamped with the new time (anvil only). */
    void increaseTime(long seconds) throws IOException {
        HttpService rpc = new HttpService(anvil.rpcUrl());
        rpc(rpc, "evm_increaseTime", List.of(seconds));
        rpc(rpc, "evm_mine", List.of());
    }

    private static void rpc(HttpService rpc, String method, List<?> params) throws IOException {
        RawResponse response = new Request<>(method, params, rpc, RawResponse.class).send();
        if (response.hasError())
            throw new IOException(method + ": " + response.getError().getMessage());
    }

    /** A JSON-RPC response whose result is not looked at. */
    public static final class RawResponse extends Response<Object> {
    }

    @Override
    public void close() {
        web3.shutdown();
        anvil.close();
    }
}
