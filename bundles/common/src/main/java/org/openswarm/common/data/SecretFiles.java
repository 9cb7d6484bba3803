package org.openswarm.common.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Small secrets a component makes once and keeps (a key, a token, a uid): readable by the owner only. */
public final class SecretFiles {
    private SecretFiles() {
    }

    /** The file's trimmed content; on first use {@code create} makes it and it is written with mode 600. */
    public static String readOrCreate(Path file, Supplier<String> create) {
        try {
            if (Files.exists(file))
                return Files.readString(file).trim();
            Files.createDirectories(file.getParent());
            String value = create.get();
            Files.writeString(file, value + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // nothing more to restrict on this file system
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep " + file, e);
        }
    }
}
