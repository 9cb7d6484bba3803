package org.openswarm.ledger.internal;

import java.math.BigInteger;
import java.util.List;

import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.EntryKind;
import org.openswarm.common.json.Json;
import org.openswarm.ledger.internal.contracts.TaskRunner;
import org.openswarm.ledger.internal.contracts.TrainingContract;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * The creation of a named training contract or taskrunner, as the outbox keeps it: the kind in the entry's target
 * ({@code deploy:TRAINING_CONTRACT}), the name and constructor settings as JSON in its data. The constructor call is
 * encoded only when sent, with the Registry and TaskRegistry addresses current then, so a replay after a chain that
 * lost everything binds the new contract to the redeployed ones.
 */
record NamedDeployment(EntryKind kind, String name, long leaderTimeoutSeconds) {
    private record Data(String name, long leaderTimeoutSeconds) {
    }

    String target() {
        return ContractNames.DEPLOY_PREFIX + kind.name();
    }

    String data() {
        return Json.gson().toJson(new Data(name, leaderTimeoutSeconds));
    }

    static boolean isDeployment(String target) {
        return target != null && target.startsWith(ContractNames.DEPLOY_PREFIX);
    }

    static NamedDeployment parse(String target, String data) {
        EntryKind kind;
        try {
            kind = EntryKind.valueOf(target.substring(ContractNames.DEPLOY_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw SwarmException.badRequest("Unknown deployment target " + target);
        }
        Data parsed = Json.gson().fromJson(data, Data.class);
        return new NamedDeployment(kind, parsed.name(), parsed.leaderTimeoutSeconds());
    }

    /** The creation transaction's data: bytecode and encoded constructor arguments. */
    String creationData(String registry, String taskRegistry) {
        return switch (kind) {
            case TRAINING_CONTRACT -> "0x" + TrainingContract.BINARY + FunctionEncoder.encodeConstructor(List.<Type>of(
                    new Utf8String(name), new Address(registry), new Uint64(BigInteger.valueOf(leaderTimeoutSeconds))));
            case TASKRUNNER -> "0x" + TaskRunner.BINARY + FunctionEncoder.encodeConstructor(List.<Type>of(
                    new Utf8String(name), new Address(registry), new Address(taskRegistry)));
            case TASK_REGISTRY -> throw new IllegalStateException("The task registry is deployed by the bootstrap");
        };
    }
}
