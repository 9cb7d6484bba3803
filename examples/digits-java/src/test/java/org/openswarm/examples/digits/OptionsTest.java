package org.openswarm.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void missingOptionsComeFromDigitsEnvironmentVariables() {
        Options options = new Options(new String[] {"node", "--nodes", "4"},
                Map.of("DIGITS_INDEX", "2", "DIGITS_MIN_PEERS", "3", "DIGITS_NODES", "9", "HOME", "/root"));
        assertEquals(2, options.required("index"));
        assertEquals(3, options.integer("min-peers", 0));
        assertEquals(4, options.integer("nodes", 5), "the command line wins over the environment");
        assertEquals("fallback", options.string("home", "fallback"), "only DIGITS_ variables count");
    }

    @Test
    void aMissingRequiredOptionNamesItsVariable() {
        Options options = new Options(new String[] {"node"}, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.required("index"));
        assertTrue(e.getMessage().contains("DIGITS_INDEX"), e.getMessage());
    }
}
