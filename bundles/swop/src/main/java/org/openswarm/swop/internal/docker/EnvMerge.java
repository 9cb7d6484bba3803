package org.openswarm.swop.internal.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Merges environment layers the reference's way: later layers win ({@code envvars} then {@code slenvvars} for an
 * SL; the task's {@code Envvars} then the node's {@code usrenvvars} for an ML), a key keeps the position where it
 * first appeared, and a null value ({@code http_proxy: ~}) becomes an empty variable, as the examples intend.
 */
public final class EnvMerge {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final LinkedHashMap<String, String> vars = new LinkedHashMap<>();

    /** Adds one layer given in the reference's YAML shape: a list of single-key maps; null adds nothing. */
    public EnvMerge layer(List<? extends Map<String, ?>> entries) {
        if (entries != null) {
            for (Map<String, ?> entry : entries) {
                layer(entry);
            }
        }
        return this;
    }

    /** Adds one layer given as a map. */
    public EnvMerge layer(Map<String, ?> entries) {
        if (entries != null) {
            entries.forEach(this::put);
        }
        return this;
    }

    public EnvMerge put(String key, Object value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("environment variable name '" + key + "' is not valid");
        }
        vars.put(key, value == null ? "" : String.valueOf(value));
        return this;
    }

    /** The Engine API's Env form: {@code KEY=value}. */
    public List<String> toList() {
        List<String> out = new ArrayList<>(vars.size());
        vars.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
