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
    void theBaseImageIsTheFirstFromImage() {
        assertEquals("tensorflow/tensorflow:2.7.0", BuildContextTar.baseImage(
                List.of("# build", "FROM --platform=linux/amd64 tensorflow/tensorflow:2.7.0 AS base", "FROM x")));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BuildContextTar.baseImage(List.of("ARG V=3.11", "FROM python:${V}"))).getMessage()
                .contains("literal FROM image"));
    }

    @Test
    void volumeArchivesLoseTheirTopDirectoryAndUnsafeEntriesAreRefused() throws IOException {
        byte[] ok = archive("swop-volume/pkg/a.whl", "swop-volume/b.txt");
        byte[] tar = BuildContextTar.buildFromArchive(List.of("FROM busybox"), ok, "ctx");
        List<String> names = new java.util.ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new java.io.ByteArrayInputStream(tar))) {
            for (var e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry()) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("Dockerfile", "pkg/a.whl", "b.txt"), names);
        assertTrue(assertThrows(UncheckedIOException.class, () -> BuildContextTar.buildFromArchive(
                List.of("FROM busybox"), archive("swop-volume/../../etc/passwd"), "ctx")).getMessage()
                .contains("unsafe entry"));
        assertTrue(assertThrows(UncheckedIOException.class, () -> BuildContextTar.buildFromArchive(
                List.of("FROM busybox"), archive("swop-volume/Dockerfile"), "ctx")).getMessage()
                .contains("BuildSteps write it"));
    }

    private static byte[] archive(String... names) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            for (String name : names) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name, true);
                e.setSize(1);
                tar.putArchiveEntry(e);
                tar.write('x');
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void theTarIsAValidArchiveEndingInTwoZeroBlocks() {
        byte[] tar = BuildContextTar.build(List.of("FROM busybox"), null);
        assertEquals(0, tar.length % 512);
        assertEquals("Dockerfile", new String(tar, 0, 10, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
