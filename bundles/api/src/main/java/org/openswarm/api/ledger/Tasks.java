package org.openswarm.api.ledger;

import java.util.List;

/**
 * The task registry: task headers and bodies (the task YAML, line by line); reached through {@link Ledger#tasks()}.
 * A task is created, its body appended, then finalized, after which it is immutable and can be assigned to a
 * taskrunner. Writes go through the SN's outbox. Unknown names are {@code NOT_FOUND}; refusals of the contract are
 * {@code CONFLICT} with its revert reason; malformed arguments are {@code BAD_REQUEST}.
 */
public interface Tasks {
    /** Registers a task header with an empty body; the same header again is a no-op, another one a CONFLICT. */
    void create(TaskHeader header);

    /**
     * Appends body lines (each at most 160 bytes), line {@code from + i} being {@code lines[i]}. Lines already there
     * with the same text are skipped, so repeating a call changes nothing; a gap or a different text at an existing
     * index is a CONFLICT. Returns the body's line count afterwards.
     *
     * @param from the index of the first line; -1 for the current line count (append at the end)
     */
    long appendBody(String name, long from, List<String> lines);

    /** {@link #appendBody(String, long, List)} at the end of the body. */
    default long appendBody(String name, List<String> lines) {
        return appendBody(name, -1, lines);
    }

    /** Freezes the task; again is a no-op. */
    void finalize(String name);

    /** Removes a task that is not finalized; its name can be created again afterwards. */
    void delete(String name);

    /** The header, finalized flag and body length. */
    TaskInfo info(String name);

    /** The body lines, in order. */
    List<String> body(String name);

    /** The names of the live tasks. */
    List<String> list();
}
