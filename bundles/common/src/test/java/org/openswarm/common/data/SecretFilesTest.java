package org.openswarm.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void makesTheSecretOnceAndKeepsItPrivate() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Path file = dir.resolve("sub/secret");
        assertEquals("s1", SecretFiles.readOrCreate(file, () -> "s" + made.incrementAndGet()));
        assertEquals("s1", SecretFiles.readOrCreate(file, () -> "s" + made.incrementAndGet()));
        assertEquals(1, made.get());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
