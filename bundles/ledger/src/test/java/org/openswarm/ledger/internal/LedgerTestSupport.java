package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.function.Executable;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.TaskHeader;
import org.openswarm.api.ledger.TaskType;

/** Helpers the ledger runtime tests share. */
final class LedgerTestSupport {
    private LedgerTestSupport() {
    }

    /** Asserts a {@link SwarmException} with this code whose message contains {@code message} (unless null). */
    static void assertCode(ErrorCode code, String message, Executable call) {
        SwarmException e = assertThrows(SwarmException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        if (message != null)
            assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    }

    static String uid() {
        return UUID.randomUUID().toString();
    }

    /** Creates, fills and finalizes a task. */
    static void finalizedTask(Ledger ledger, String name, String... lines) {
        ledger.tasks().create(new TaskHeader(name, TaskType.MAKE_USER_CONTAINER, "tester", "ROOTTASK", "img:1"));
        ledger.tasks().appendBody(name, List.of(lines));
        ledger.tasks().finalize(name);
    }
}
