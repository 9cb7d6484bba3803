package org.openswarm.common.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The shared Gson setup: no HTML escaping (bodies are JSON, not markup), nulls left out. Gson is thread-safe. */
public final class Json {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {
    }

    public static Gson gson() {
        return GSON;
    }
}
