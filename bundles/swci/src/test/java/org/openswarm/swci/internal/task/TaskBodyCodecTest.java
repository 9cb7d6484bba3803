package org.openswarm.swci.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TaskBodyCodecTest {

    @Test
    void simpleBodyReadsLikeTheReference() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BuildContext", "sl-cli-lib");
        body.put("BuildType", "INLINE");
        body.put("BuildSteps", List.of("FROM python:3.12"));
        List<String> lines = TaskBodyCodec.encode(body);
        assertEquals(List.of("---", "BuildContext: sl-cli-lib", "BuildType: INLINE", "BuildSteps:",
                "- FROM python:3.12"), lines);
        assertEquals("0001: BuildContext: sl-cli-lib", TaskBodyCodec.numbered(lines).get(1));
    }

    @Test
    void longAndNonAsciiLinesAreCutToTheSlotAndJoinedBack() {
        String step = "RUN echo " + "\u00e9\u4e2d".repeat(75) + " \\";
        Map<String, Object> body = Map.of("BuildSteps", List.of(step, "x".repeat(160), "   ", "# not a comment"));
        List<String> lines = TaskBodyCodec.encode(body);
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= TaskBodyCodec.MAX_LINE_BYTES, line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(TaskBodyCodec.CONTINUED)));
        assertEquals(body, TaskBodyCodec.decode(lines));
    }

    @Test
    void handWrittenLinesDecode() {
        assertEquals(Map.of("Tag", "2.7.0", "Auth", "cfg.json"),
                TaskBodyCodec.decode(List.of("---", "Tag : \"2.7.0\"", "Auth : cfg.json")));
    }
}
