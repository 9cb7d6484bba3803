package org.openswarm.common.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class TaskBodyLinesTest {

    @Test
    void shortLinesStayAsTheyAreAfterTheDocumentMarker() {
        assertEquals(List.of("---", "Tag: x", "Auth: y"), TaskBodyLines.split("Tag: x\n\nAuth: y\n"));
        assertEquals("---\nTag: x\nAuth: y\n", TaskBodyLines.join(List.of("---", "Tag: x", "Auth: y")));
    }

    @Test
    void longLinesAreCutToTheSlotAndJoinedBack() {
        String yaml = "BuildSteps:\n- " + "x".repeat(400) + "\n- short\n";
        List<String> lines = TaskBodyLines.split(yaml);
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= TaskBodyLines.MAX_LINE_BYTES, line);
        }
        assertEquals(2, lines.stream().filter(l -> l.endsWith(TaskBodyLines.CONTINUED)).count());
        assertEquals("---\n" + yaml, TaskBodyLines.join(lines));
    }
}
