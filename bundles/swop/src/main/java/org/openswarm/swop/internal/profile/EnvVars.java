package org.openswarm.swop.internal.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environment lists as profiles and tasks write them: a list of single-key maps ({@code [SL_LOG_LEVEL: INFO,
 * http_proxy: ~]}), or, leniently, one map. A null value becomes the empty string, as the reference passes an unset
 * proxy; numbers and booleans become their text.
 */
public final class EnvVars {
    private EnvVars() {
    }

    public static Map<String, String> of(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map)
                    map.forEach((k, v) -> out.put(String.valueOf(k), text(v)));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), text(v)));
        }
        return out;
    }

    /** {@code base} overridden by {@code winner}: what a node's own list does to the global or task list. */
    public static Map<String, String> merge(Map<String, String> base, Map<String, String> winner) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.putAll(winner);
        return out;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
