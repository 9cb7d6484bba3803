package org.openswarm.swci.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExecContentTest {
    @Test
    void successIsOneElementPerLine() {
        assertEquals(List.of("a", "b"), ExecContent.of(List.of("a", "b"), true).get("CONTENT"));
        assertEquals(List.of(), ExecContent.of(List.of(), true).get("CONTENT"));
    }

    @Test
    void aFailureKeepsTheLinesBeforeItsErrorAndJoinsTheRest() {
        assertEquals(List.of("TASKRUNNER FINISHED", "STATE : ERROR", "ERROR : Task has failed"),
                ExecContent.of(List.of("TASKRUNNER FINISHED", "STATE : ERROR", "ERROR : Task has failed"), false)
                        .get("CONTENT"));
        assertEquals(List.of("ERROR : invalid:\n$.a: missing\n$.b: unknown"),
                ExecContent.of(List.of("ERROR : invalid:", "$.a: missing", "$.b: unknown"), false).get("CONTENT"));
    }

    @Test
    void aFailureWithoutAnErrorLineStillEndsWithOne() {
        assertEquals(List.of("x", "ERROR : command failed"), ExecContent.of(List.of("x"), false).get("CONTENT"));
    }
}
