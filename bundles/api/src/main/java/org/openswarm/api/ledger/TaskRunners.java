package org.openswarm.api.ledger;

import java.util.List;

/**
 * The named taskrunners, which coordinate task execution by SWOPs; reached through {@link Ledger#taskRunners()}.
 * Writes go through the SN's outbox. Unknown names are {@code NOT_FOUND}; the contract's refusals are
 * {@code CONFLICT} with its revert reason (an unfinalized task, a task already running, a slot already taken);
 * malformed arguments are {@code BAD_REQUEST}.
 */
public interface TaskRunners {
    /** The taskrunner every ledger has from the start. */
    String DEFAULT = "defaulttaskbb.taskdb.sml.hpe";

    /** Deploys a taskrunner bound to the task registry and names it; a name already taken is a CONFLICT. */
    TaskRunnerStatus create(String name);

    /** The taskrunners of the directory, in creation order. */
    List<DirectoryEntry> list();

    /** Starts a finalized task; returns the new assignment id. */
    long assign(String runner, Assignment assignment);

    /** A SWOP starts listening on the taskrunner; again is a no-op. */
    void enrollSwop(String runner, String swopUid);

    /**
     * An enrolled SWOP takes peer slots of the current assignment: with {@code WITH n PEERS} as many as the pairs it
     * runs (for RUN_SWARM its SL/ML pairs, otherwise 1; reference §3.5), with all peers or a target one. Again is a
     * no-op. {@code pairs} is at least 1.
     */
    void claim(String runner, String swopUid, int pairs);

    /** A SWOP that claimed the current assignment reports its status and a description (at most 160 bytes). */
    void updatePeerStatus(String runner, String swopUid, TaskState status, String description);

    /** State, current task, assignment, required peers and per-peer status. */
    TaskRunnerStatus status(String runner);

    /** Back to IDLE with no task and no peer statuses; enrolled SWOPs stay enrolled. */
    void reset(String runner);
}
