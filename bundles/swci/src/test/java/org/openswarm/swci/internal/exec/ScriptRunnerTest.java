package org.openswarm.swci.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts through a session, with commands that fail without an SN. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    private SwciSession session() {
        return new SwciSession(null, dir, null);
    }

    @Test
    void exitOnFailureStopsAtTheFirstFailure() {
        List<String> echoed = new ArrayList<>();
        ScriptRunner.Outcome outcome = new ScriptRunner(session(), echoed::add).run(List.of(
                "# an init script",
                "EXIT ON FAILURE",
                "PWD",
                "LIST TASKS",
                "PWD"));
        assertFalse(outcome.success());
        assertEquals(1, outcome.failures());
        assertTrue(outcome.exited());
        assertEquals(4, outcome.stoppedAtLine());
        assertEquals(outcome.lines(), echoed);
        assertEquals(List.of("# an init script", "SWCI:1 > EXIT ON FAILURE", "EXIT ON FAILURE IS TURNED ON",
                "SWCI:2 > PWD", "Current Directory : " + dir.toAbsolutePath().normalize(), "SWCI:3 > LIST TASKS",
                SwciSession.NO_CONTEXT, "EXIT ON FAILURE: stopping at line 4"), outcome.lines());
    }

    @Test
    void withoutExitOnFailureTheScriptGoesOn() {
        ScriptRunner.Outcome outcome = new ScriptRunner(session()).run(List.of(
                "EXIT ON FAILURE OFF",
                "LIST TASKS",
                "FLY AWAY",
                "",
                "PWD  # where am I"));
        assertEquals(2, outcome.failures());
        assertFalse(outcome.exited());
        assertEquals(0, outcome.stoppedAtLine());
        assertTrue(outcome.lines().get(outcome.lines().size() - 1).startsWith("Current Directory : "));
        assertTrue(outcome.lines().stream().anyMatch(l -> l.startsWith("ERROR : ") && !l.equals(SwciSession.NO_CONTEXT)));
    }

    @Test
    void exitEndsTheScript() {
        ScriptRunner.Outcome outcome = new ScriptRunner(session()).run(List.of("PWD", "EXIT", "LIST TASKS"));
        assertTrue(outcome.success());
        assertTrue(outcome.exited());
        assertEquals(3, outcome.lines().size());
    }
}
