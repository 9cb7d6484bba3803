package org.openswarm.ledger.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import org.openswarm.common.json.Json;

import com.google.gson.reflect.TypeToken;

/** Contract name to address, kept in the data directory so a restarted sentinel reuses what it deployed. */
final class DeployedContracts {
    private final Path file;
    private final Map<String, String> addresses = new TreeMap<>();

    DeployedContracts(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                Map<String, String> saved = Json.gson().fromJson(Files.readString(file),
                        new TypeToken<Map<String, String>>() {
                        }.getType());
                if (saved != null)
                    addresses.putAll(saved);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
    }

    synchronized String get(String name) {
        return addresses.get(name);
    }

    synchronized void put(String name, String address) {
        addresses.put(name, address);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.gson().toJson(addresses));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    synchronized Map<String, String> all() {
        return Map.copyOf(addresses);
    }
}
