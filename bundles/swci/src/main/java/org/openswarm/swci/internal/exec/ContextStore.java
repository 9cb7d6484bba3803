package org.openswarm.swci.internal.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openswarm.common.json.Json;

/**
 * The contexts of one SWCI and which one is current, kept as {@code contexts.json} in a directory so that a
 * restarted SWCI keeps them. Written atomically after each change. Not thread-safe (the session serialises).
 */
final class ContextStore {
    /** The file's shape. */
    private record Saved(String current, List<Context> contexts) {
    }

    static final String FILE = "contexts.json";

    private final Path file;
    private final Map<String, Context> contexts = new LinkedHashMap<>();
    private String current;

    ContextStore(Path directory) {
        this.file = directory == null ? null : directory.resolve(FILE);
        if (file != null && Files.isRegularFile(file)) {
            try {
                Saved saved = Json.gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
                if (saved != null && saved.contexts() != null) {
                    for (Context c : saved.contexts()) {
                        contexts.put(c.name(), new Context(c.name(), c.host(), c.port(), c.service(), c.env()));
                    }
                    current = saved.current() != null && contexts.containsKey(saved.current()) ? saved.current()
                            : null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
    }

    Optional<Context> get(String name) {
        return Optional.ofNullable(contexts.get(name));
    }

    Optional<Context> current() {
        return current == null ? Optional.empty() : get(current);
    }

    List<Context> all() {
        return new ArrayList<>(contexts.values());
    }

    void put(Context context) {
        contexts.put(context.name(), context);
        save();
    }

    void switchTo(String name) {
        current = name;
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, Json.gson().toJson(new Saved(current, all())), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
