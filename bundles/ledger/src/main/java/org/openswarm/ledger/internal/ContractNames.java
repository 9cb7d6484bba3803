package org.openswarm.ledger.internal;

import org.openswarm.api.ledger.TaskRunners;
import org.openswarm.api.ledger.TrainingContracts;

/**
 * Names under which contract addresses are kept and shown, and the targets outbox entries name.
 * <ul>
 * <li>{@link #REGISTRY}, {@link #TASK_REGISTRY}: the singletons, by their name in the contract address map;</li>
 * <li>{@code directory:<name>}: a named training contract or taskrunner, resolved through the Registry's directory
 * when the entry is sent or replayed;</li>
 * <li>{@code deploy:<KIND>}: the creation of a named contract (deployment and directory entry), replayed by
 * deploying it again when the directory no longer names it.</li>
 * </ul>
 */
final class ContractNames {
    static final String REGISTRY = "Registry";
    /** The task registry, in the address map and in the directory. */
    static final String TASK_REGISTRY = "TaskRegistry";
    static final String DEFAULT_CONTRACT = TrainingContracts.DEFAULT;
    static final String DEFAULT_TASKRUNNER = TaskRunners.DEFAULT;

    static final String DIRECTORY_PREFIX = "directory:";
    static final String DEPLOY_PREFIX = "deploy:";

    private ContractNames() {
    }

    static String directory(String name) {
        return DIRECTORY_PREFIX + name;
    }
}
