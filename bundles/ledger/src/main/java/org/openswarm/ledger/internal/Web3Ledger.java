package org.openswarm.ledger.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.EntryKind;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.LedgerInfo;
import org.openswarm.api.ledger.NodeRecord;
import org.openswarm.api.ledger.NodeRegistration;
import org.openswarm.api.ledger.TaskRunners;
import org.openswarm.api.ledger.Tasks;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.api.sn.NodeType;
import org.openswarm.ledger.internal.contracts.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The {@link Ledger} over the Registry contract (nodes, heartbeats, directory), with the training contracts, the task
 * registry and the taskrunners beside it; every write is recorded in the outbox first.
 */
final class Web3Ledger implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(Web3Ledger.class);
    private static final BigInteger PAGE = BigInteger.valueOf(200);
    private static final String NO_ACCOUNT = "0x0000000000000000000000000000000000000000";

    private final String backend;
    private final ChainClient chain;
    private final Outbox outbox;
    private final Registry registry;
    private final Map<String, String> contracts;
    private final Supplier<String> health;
    private final ChainAccess access;
    private final Web3TrainingContracts trainingContracts;
    private final Web3Tasks tasks;
    private final Web3TaskRunners taskRunners;

    /**
     * @param health null when the backend is healthy, else what is wrong (the anvil supervisor's view)
     */
    Web3Ledger(String backend, ChainClient chain, Outbox outbox, Map<String, String> contracts,
            Supplier<String> health) {
        this.backend = backend;
        this.chain = chain;
        this.outbox = outbox;
        this.contracts = Map.copyOf(contracts);
        this.health = health;
        this.access = new ChainAccess(chain, outbox, contracts);
        this.registry = access.registry;
        this.trainingContracts = new Web3TrainingContracts(access, this);
        this.tasks = new Web3Tasks(access);
        this.taskRunners = new Web3TaskRunners(access, this, tasks);
    }

    @Override
    public TrainingContracts contracts() {
        return trainingContracts;
    }

    @Override
    public Tasks tasks() {
        return tasks;
    }

    @Override
    public TaskRunners taskRunners() {
        return taskRunners;
    }

    @Override
    public LedgerInfo info() {
        String problem = health.get();
        long height;
        try {
            height = chain.blockHeight();
        } catch (SwarmException e) {
            return new LedgerInfo(backend, chain.chainId(), -1, chain.address(), contracts, false,
                    problem != null ? problem : e.getMessage());
        }
        return new LedgerInfo(backend, chain.chainId(), height, chain.address(), contracts, problem == null,
                problem == null ? "ok" : problem);
    }

    @Override
    public void registerNode(NodeRegistration node) {
        requireText("uid", node.uid());
        requireText("host", node.host());
        if (node.type() == null)
            throw SwarmException.badRequest("type is required");
        if (node.port() < 0 || node.port() > 65535)
            throw SwarmException.badRequest("port must be within 0..65535, was " + node.port());
        String account = node.account() == null || node.account().isBlank() ? NO_ACCOUNT : node.account();
        if (!account.matches("0x[0-9a-fA-F]{40}"))
            throw SwarmException.badRequest("account must be an address (0x and 40 hex digits)");
        write("Registering node " + node.uid(), registry.registerNode(Bytes32.fromUuid(node.uid()),
                BigInteger.valueOf(node.type().ordinal()), node.name() == null ? "" : node.name(), node.host(),
                BigInteger.valueOf(node.port()), Bytes32.fromUuid(node.parentUid()),
                Bytes32.fromHex(node.fingerprint()), account));
    }

    @Override
    public void heartbeat(Collection<String> uids) {
        if (uids.isEmpty())
            return;
        List<byte[]> ids = uids.stream().map(Bytes32::fromUuid).toList();
        write("Heartbeat of " + uids.size() + " node(s)", registry.heartbeat(ids));
    }

    @Override
    public void deregister(String uid) {
        write("Deregistering node " + uid, registry.deregister(Bytes32.fromUuid(uid)));
    }

    @Override
    public List<NodeRecord> nodes() {
        List<NodeRecord> all = new ArrayList<>();
        try {
            BigInteger count = registry.nodeCount().send();
            for (BigInteger offset = BigInteger.ZERO; offset.compareTo(count) < 0; offset = offset.add(PAGE))
                for (Object node : registry.listNodes(offset, PAGE).send())
                    all.add(toRecord((Registry.Node) node));
        } catch (Exception e) {
            throw ChainErrors.translate("Listing nodes", e);
        }
        return all;
    }

    @Override
    public Optional<NodeRecord> node(String uid) {
        byte[] id = Bytes32.fromUuid(uid);
        try {
            if (!registry.isRegistered(id).send())
                return Optional.empty();
            return Optional.of(toRecord(registry.getNode(id).send()));
        } catch (Exception e) {
            throw ChainErrors.translate("Reading node " + uid, e);
        }
    }

    @Override
    public void registerEntry(String name, EntryKind kind, String address) {
        requireText("name", name);
        write("Naming " + kind + " " + name, registry.registerEntry(name, BigInteger.valueOf(kind.ordinal()), address));
    }

    @Override
    public List<DirectoryEntry> entries() {
        List<DirectoryEntry> all = new ArrayList<>();
        try {
            BigInteger count = registry.entryCount().send();
            for (BigInteger offset = BigInteger.ZERO; offset.compareTo(count) < 0; offset = offset.add(PAGE))
                for (Object item : registry.listEntries(offset, PAGE).send()) {
                    Registry.Entry entry = (Registry.Entry) item;
                    all.add(new DirectoryEntry(entry.name, EntryKind.values()[entry.kind.intValueExact()], entry.addr));
                }
        } catch (Exception e) {
            throw ChainErrors.translate("Listing the directory", e);
        }
        return all;
    }

    /** Contract name to address, as this ledger uses them. */
    Map<String, String> addresses() {
        return contracts;
    }

    /** Admits a joining SN's account as a writer (the sentinel does this after checking the join token). */
    void authorize(String account) {
        if (account == null || !account.matches("0x[0-9a-fA-F]{40}"))
            throw SwarmException.badRequest("account must be an address (0x and 40 hex digits)");
        write("Admitting account " + account, registry.authorize(account));
    }

    /**
     * Re-sends what a chain restart lost: pending entries, and mined ones whose receipt is gone. Returns how many
     * were sent again. Stops at the first {@code UNAVAILABLE}, to be called again later.
     */
    int replayOutbox() {
        int resent = 0;
        for (Outbox.Entry entry : outbox.unconfirmed()) {
            if (entry.state() == Outbox.State.MINED && entry.txHash() != null && chain.hasReceipt(entry.txHash()))
                continue;
            try {
                String what = "Replaying " + entry.what();
                if (NamedDeployment.isDeployment(entry.contract())) {
                    // Deploys the contract again when the directory lost its name, else names it again (a no-op).
                    String hash = access.deploy(what, NamedDeployment.parse(entry.contract(), entry.data()),
                            new String[1]);
                    outbox.mined(entry, hash);
                    resent++;
                    continue;
                }
                String address = access.resolve(entry.contract());
                if (address == null) {
                    outbox.failed(entry, "no contract named " + entry.contract() + " on this chain");
                    continue;
                }
                TransactionReceipt receipt = chain.sendRaw(what, address, entry.data());
                outbox.mined(entry, receipt.getTransactionHash());
                resent++;
            } catch (SwarmException e) {
                if (e.code() == ErrorCode.UNAVAILABLE)
                    throw e;
                LOG.warn("Outbox entry {} ({}) was refused on replay: {}", entry.seq(), entry.what(), e.getMessage());
                outbox.failed(entry, e.getMessage());
            }
        }
        if (resent > 0)
            LOG.info("Outbox replay: re-sent {} transaction(s) that the chain had lost", resent);
        outbox.compact();
        return resent;
    }

    private void write(String what, RemoteFunctionCall<TransactionReceipt> call) {
        access.write(what, ContractNames.REGISTRY, call);
    }

    private static NodeRecord toRecord(Registry.Node node) {
        return new NodeRecord(Bytes32.toUuid(node.uid), NodeType.values()[node.nodeType.intValueExact()], node.name,
                node.host, node.port.intValueExact(), Bytes32.toUuid(node.parentUid), Bytes32.toHex(node.fingerprint),
                NO_ACCOUNT.equalsIgnoreCase(node.account) ? null : node.account,
                Instant.ofEpochSecond(node.registeredAt.longValueExact()),
                Instant.ofEpochSecond(node.lastHeartbeat.longValueExact()), node.active);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank())
            throw SwarmException.badRequest(field + " is required");
    }
}
