package org.openswarm.swop.internal.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvVarsTest {
    @Test
    void listsOfSingleKeyMapsWithNullsAndNumbers() {
        Map<String, String> env = EnvVars.of(List.of(Map.of("MAX_EPOCHS", 2), Map.of("A", true),
                java.util.Collections.singletonMap("http_proxy", null)));
        assertEquals(Map.of("MAX_EPOCHS", "2", "A", "true", "http_proxy", ""), env);
        assertEquals(Map.of(), EnvVars.of(null));
    }

    @Test
    void theNodeWins() {
        assertEquals(Map.of("A", "node", "B", "task", "C", "node"),
                EnvVars.merge(Map.of("A", "task", "B", "task"), Map.of("A", "node", "C", "node")));
    }
}
