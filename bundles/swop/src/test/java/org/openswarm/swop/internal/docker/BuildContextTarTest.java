package org.openswarm.swop.internal.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildContextTarTest {

    @Test
    void buildStepsBecomeDockerfileLines() {
        assertEquals("FROM python:3.11\n\nRUN pip install numpy\n",
                BuildContextTar.dockerfile(List.of("FROM python:3.11", " ", "RUN pip install numpy")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BuildContextTar.dockerfile(List.of()))
                .getMessage().contains("BuildSteps is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BuildContextTar.dockerfile(List.of("RUN ls"))).getMessage().contains("must start with FROM"));
    }

    @Test
    void aContextWithItsOwnDockerfileOrNoDirectoryIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM x\n");
        assertTrue(assertThrows(UncheckedIOException.class,
                () -> BuildContextTar.build(List.of("FROM busybox"), dir)).getMessage().contains("BuildSteps write it"));
        assertThrows(UncheckedIOException.class,
                () -> BuildContextTar.build(List.of("FROM busybox"), dir.resolve("missing")));
    }

    @Test
    void theTarIsAValidArchiveEndingInTwoZeroBlocks() {
        byte[] tar = BuildContextTar.build(List.of("FROM busybox"), null);
        assertEquals(0, tar.length % 512);
        assertEquals("Dockerfile", new String(tar, 0, 10, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
