package org.openswarm.ledger.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.EntryKind;
import org.openswarm.ledger.internal.contracts.Registry;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What every part of the ledger shares: the chain, the outbox, the contract addresses and the Registry with its
 * directory. Every write is recorded in the outbox (by target name, see {@link ContractNames}) before it is sent.
 */
final class ChainAccess {
    static final int MAX_TEXT = 160;

    final ChainClient chain;
    final Outbox outbox;
    final Map<String, String> contracts;
    final Registry registry;

    ChainAccess(ChainClient chain, Outbox outbox, Map<String, String> contracts) {
        this.chain = chain;
        this.outbox = outbox;
        this.contracts = Map.copyOf(contracts);
        this.registry = Registry.load(contracts.get(ContractNames.REGISTRY), chain.web3(), chain.transactions(),
                chain.gas());
    }

    /** Records the call in the outbox under {@code target}, sends it and marks it mined (or failed when refused). */
    TransactionReceipt write(String what, String target, RemoteFunctionCall<TransactionReceipt> call) {
        Outbox.Entry entry = outbox.record(what, target, call.encodeFunctionCall());
        try {
            TransactionReceipt receipt = chain.write(what, call);
            outbox.mined(entry, receipt.getTransactionHash());
            return receipt;
        } catch (SwarmException e) {
            // A chain that is down gets the entry again on replay; a refusal is final.
            if (e.code() != ErrorCode.UNAVAILABLE)
                outbox.failed(entry, e.getMessage());
            throw e;
        }
    }

    /** A view call, its failures translated. */
    <T> T read(String what, Callable<T> call) {
        try {
            return call.call();
        } catch (SwarmException e) {
            throw e;
        } catch (Exception e) {
            throw ChainErrors.translate(what, e);
        }
    }

    /** The directory entry of that name and kind; NOT_FOUND when there is none ({@code noun} names the kind). */
    DirectoryEntry entry(String name, EntryKind kind, String noun) {
        requireName(noun, name);
        return read("Reading the directory entry " + name, () -> {
            if (!registry.hasEntry(name).send())
                throw SwarmException.notFound("No " + noun + " named " + name);
            Registry.Entry entry = registry.getEntry(name).send();
            if (entry.kind.intValueExact() != kind.ordinal())
                throw SwarmException.notFound("No " + noun + " named " + name + " (the name is a "
                        + EntryKind.values()[entry.kind.intValueExact()] + ")");
            return new DirectoryEntry(entry.name, kind, entry.addr);
        });
    }

    /**
     * Creates a named contract: deploys it and names it in the directory, recorded in the outbox as one entry so a
     * replay recreates both. A name already in the directory is a CONFLICT "{@code noun} already exists".
     */
    String create(NamedDeployment deployment, String noun) {
        requireName("name", deployment.name());
        if (read("Reading the directory", () -> registry.hasEntry(deployment.name()).send()))
            throw new SwarmException(ErrorCode.CONFLICT, noun + " already exists: " + deployment.name());
        String what = "Creating " + noun + " " + deployment.name();
        Outbox.Entry entry = outbox.record(what, deployment.target(), deployment.data());
        try {
            String[] address = new String[1];
            String hash = deploy(what, deployment, address);
            outbox.mined(entry, hash);
            return address[0];
        } catch (SwarmException e) {
            if (e.code() != ErrorCode.UNAVAILABLE)
                outbox.failed(entry, e.getMessage());
            throw e;
        }
    }

    /**
     * Makes sure the directory names the contract, deploying it when the directory does not know the name. Returns
     * the hash of the transaction that names it (a no-op naming again when it is already there) and puts the address
     * in {@code address[0]}.
     */
    String deploy(String what, NamedDeployment deployment, String[] address) {
        String name = deployment.name();
        Registry.Entry existing = read("Reading the directory", () -> registry.hasEntry(name).send()
                ? registry.getEntry(name).send() : null);
        if (existing != null) {
            if (existing.kind.intValueExact() != deployment.kind().ordinal() || !chain.hasCode(existing.addr))
                throw new SwarmException(ErrorCode.CONFLICT, "Registry: entry name already taken");
            address[0] = existing.addr;
        } else {
            TransactionReceipt created = chain.sendRaw(what, "", deployment.creationData(
                    contracts.get(ContractNames.REGISTRY), contracts.get(ContractNames.TASK_REGISTRY)));
            address[0] = created.getContractAddress();
        }
        return chain.write(what, registry.registerEntry(name, BigInteger.valueOf(deployment.kind().ordinal()),
                address[0])).getTransactionHash();
    }

    /** The address an outbox target reaches now, or null when this chain has none. */
    String resolve(String target) {
        if (target.startsWith(ContractNames.DIRECTORY_PREFIX)) {
            String name = target.substring(ContractNames.DIRECTORY_PREFIX.length());
            return read("Reading the directory", () -> registry.hasEntry(name).send()
                    ? registry.getEntry(name).send().addr : null);
        }
        return contracts.get(target);
    }

    static void requireName(String field, String name) {
        if (name == null || name.isEmpty())
            throw SwarmException.badRequest(field + " is required");
        requireText(field, name);
    }

    /** At most {@value #MAX_TEXT} bytes of UTF-8, what the contracts store. */
    static void requireText(String field, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT)
            throw SwarmException.badRequest(field + " is too long (max " + MAX_TEXT + " bytes)");
    }
}
