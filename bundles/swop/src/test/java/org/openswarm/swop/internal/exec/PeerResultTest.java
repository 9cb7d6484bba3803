package org.openswarm.swop.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PeerResultTest {
    @Test
    void descriptionsFitTheTaskrunnersSlot() {
        assertEquals("short one", PeerResult.error("short\n  one").fitted());
        String longText = "\u00e9".repeat(200);
        String fitted = PeerResult.error(longText).fitted();
        assertTrue(fitted.getBytes(StandardCharsets.UTF_8).length <= 160, fitted);
        assertTrue(fitted.endsWith("\u2026"));
        assertEquals("ERROR", PeerResult.error("x").status());
        assertEquals("COMPLETE", PeerResult.complete("x").status());
    }

    @Test
    void bodiesDecodeFromTheStoredLines() {
        assertEquals(java.util.Map.of("Tag", "2.7.0", "Auth", "cfg.json"),
                TaskSource.decode(List.of("---", "Tag : \"2.7.0\"", "Auth : cfg.json")));
        assertEquals(java.util.Map.of("BuildSteps", List.of("x".repeat(200))),
                TaskSource.decode(List.of("---", "BuildSteps:", "- " + "x".repeat(155) + "\u21A9", "x".repeat(45))));
    }
}
