package org.openswarm.ledger.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One account on one chain. Sends are serialised: exactly one transaction of this account is in flight at a time,
 * because anvil's automine stalls when an account has several (ledger-notes.md §2.5), and because the nonce is then
 * always the chain's own count, also after a chain restart.
 */
final class ChainClient implements AutoCloseable {
    private static final BigInteger MAX_FEE = BigInteger.valueOf(50_000_000_000L);
    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(8_000_000);
    /**
     * Receipt polling: 5 ms, for up to a minute. Most receipts are not there at the first look, so the poll period
     * sets the latency (docs/performance.md: p50 10 ms at 5 ms against 24 ms at 20 ms); each look is a 0.3 ms call.
     */
    private static final long RECEIPT_POLL_MILLIS = 5;
    private static final int RECEIPT_POLL_ATTEMPTS = 12_000;

    private final Web3j web3;
    private final Credentials credentials;
    private final long chainId;
    private final TransactionManager transactions;
    private final ContractGasProvider gas;
    private final ReentrantLock inFlight = new ReentrantLock(true);

    ChainClient(String rpcUrl, Credentials credentials, long chainId) {
        this(rpcUrl, null, credentials, chainId);
    }

    /** @param token the join token the sentinel's relay asks for, or null for a chain node reached directly */
    ChainClient(String rpcUrl, String token, Credentials credentials, long chainId) {
        HttpService http = new HttpService(rpcUrl);
        if (token != null)
            http.addHeader("X-Swarm-Token", token);
        this.web3 = Web3j.build(http);
        this.credentials = credentials;
        this.chainId = chainId;
        // web3j polls for receipts every 15 s by default; a local chain mines in milliseconds.
        this.transactions = new RawTransactionManager(web3, credentials, chainId, receipts());
        this.gas = new StaticEIP1559GasProvider(chainId, MAX_FEE, TIP, GAS_LIMIT);
    }

    private PollingTransactionReceiptProcessor receipts() {
        return new PollingTransactionReceiptProcessor(web3, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS);
    }

    Web3j web3() {
        return web3;
    }

    TransactionManager transactions() {
        return transactions;
    }

    ContractGasProvider gas() {
        return gas;
    }

    long chainId() {
        return chainId;
    }

    String address() {
        return credentials.getAddress();
    }

    /** Runs several sends (a deployment sequence) with no other send of this account in between. */
    <T> T exclusively(java.util.function.Supplier<T> work) {
        inFlight.lock();
        try {
            return work.get();
        } finally {
            inFlight.unlock();
        }
    }

    /** Runs a contract write, one at a time for this account, and waits for its receipt. */
    TransactionReceipt write(String what, RemoteFunctionCall<TransactionReceipt> call) {
        inFlight.lock();
        try {
            return call.send();
        } catch (Exception e) {
            throw ChainErrors.translate(what, e);
        } finally {
            inFlight.unlock();
        }
    }

    /** Sends already encoded call data to a contract (outbox replay), one at a time, and waits for the receipt. */
    TransactionReceipt sendRaw(String what, String to, String data) {
        inFlight.lock();
        try {
            EthSendTransaction sent = transactions.sendEIP1559Transaction(chainId, TIP, MAX_FEE, GAS_LIMIT, to, data,
                    BigInteger.ZERO);
            if (sent.hasError())
                throw ChainErrors.translate(what, new IOException(sent.getError().getMessage()));
            TransactionReceipt receipt = receipts().waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK())
                throw ChainErrors.translate(what, new IllegalStateException("execution reverted: "
                        + (receipt.getRevertReason() == null ? "(no reason)" : receipt.getRevertReason())));
            return receipt;
        } catch (RuntimeException e) {
            throw e instanceof org.openswarm.api.SwarmException ? e : ChainErrors.translate(what, e);
        } catch (Exception e) {
            throw ChainErrors.translate(what, e);
        } finally {
            inFlight.unlock();
        }
    }

    /**
     * Tops an account up to {@code target} wei when it holds less than half of it, from this client's account; one
     * transaction, serialised like every other.
     */
    void fund(String account, BigInteger target) {
        inFlight.lock();
        try {
            BigInteger balance = web3.ethGetBalance(account, DefaultBlockParameterName.LATEST).send().getBalance();
            if (balance.shiftLeft(1).compareTo(target) >= 0)
                return;
            TransactionReceipt receipt = new org.web3j.tx.Transfer(web3, transactions)
                    .sendFunds(account, new java.math.BigDecimal(target.subtract(balance)),
                            org.web3j.utils.Convert.Unit.WEI, MAX_FEE, BigInteger.valueOf(21_000))
                    .send();
            if (!receipt.isStatusOK())
                throw ChainErrors.translate("Funding " + account, new IllegalStateException("status " + receipt.getStatus()));
        } catch (org.openswarm.api.SwarmException e) {
            throw e;
        } catch (Exception e) {
            throw ChainErrors.translate("Funding " + account, e);
        } finally {
            inFlight.unlock();
        }
    }

    /** Whether a transaction is still known to the chain (false after a chain restart lost it). */
    boolean hasReceipt(String txHash) {
        try {
            return web3.ethGetTransactionReceipt(txHash).send().getTransactionReceipt().isPresent();
        } catch (IOException e) {
            throw ChainErrors.translate("Looking up transaction " + txHash, e);
        }
    }

    /** Whether contract code exists at the address (false when a chain lost its state). */
    boolean hasCode(String address) {
        try {
            String code = web3.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw ChainErrors.translate("Reading code at " + address, e);
        }
    }

    long blockHeight() {
        try {
            return web3.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw ChainErrors.translate("Reading the block height", e);
        }
    }

    @Override
    public void close() {
        web3.shutdown();
    }
}
