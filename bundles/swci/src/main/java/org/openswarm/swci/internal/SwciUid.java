package org.openswarm.swci.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** This SWCI's identity for its license token: a UUID made on first start and kept in {@code <state>/uid}. */
final class SwciUid {
    private SwciUid() {
    }

    static String of(Path stateDir) {
        Path file = stateDir.resolve("uid");
        try {
            if (Files.exists(file)) {
                String uid = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!uid.isEmpty())
                    return uid;
            }
            Files.createDirectories(stateDir);
            String uid = UUID.randomUUID().toString();
            Files.writeString(file, uid + "\n", StandardCharsets.UTF_8);
            return uid;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep the SWCI uid in " + file, e);
        }
    }
}
