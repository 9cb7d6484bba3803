package org.openswarm.swop.internal.docker;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build context of a {@code MAKE_USER_CONTAINER} task as the tar the Engine API's {@code POST /build} takes,
 * made in memory: a {@code Dockerfile} written from the task's {@code BuildSteps}, plus the files of a context
 * directory (the reference copies its {@code BuildContext} volume there first) when one is given.
 */
public final class BuildContextTar {

    /** Refuses contexts bigger than this; a build context is a few wheels and scripts, not data. */
    public static final long MAX_BYTES = 512L * 1024 * 1024;

    private BuildContextTar() {
    }

    /**
     * The Dockerfile text: one step per line, {@code ' '} entries as blank lines; a step ending in {@code \} simply
     * continues on the next line, as in any Dockerfile.
     */
    public static String dockerfile(List<String> buildSteps) {
        if (buildSteps == null || buildSteps.isEmpty()) {
            throw new IllegalArgumentException("BuildSteps is empty: a MAKE_USER_CONTAINER task needs Dockerfile lines");
        }
        StringBuilder sb = new StringBuilder();
        for (String step : buildSteps) {
            sb.append(step == null || step.isBlank() ? "" : step).append('\n');
        }
        if (!sb.toString().stripLeading().regionMatches(true, 0, "FROM", 0, 4)
                && !sb.toString().stripLeading().regionMatches(true, 0, "ARG", 0, 3)
                && !sb.toString().stripLeading().startsWith("#")) {
            throw new IllegalArgumentException("BuildSteps must start with FROM (or ARG), got '" + buildSteps.get(0)
                    + "'");
        }
        return sb.toString();
    }

    /** The tar: {@code Dockerfile} first, then every regular file under {@code contextDir} (may be null). */
    public static byte[] build(List<String> buildSteps, Path contextDir) {
        byte[] dockerfile = dockerfile(buildSteps).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addBytes(tar, "Dockerfile", dockerfile);
            if (contextDir != null) {
                addDirectory(tar, contextDir);
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the build context from " + contextDir + ": " + e.getMessage(),
                    e);
        }
        return bytes.toByteArray();
    }

    private static void addDirectory(TarArchiveOutputStream tar, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory");
        }
        long total = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                String name = dir.relativize(file).toString().replace('\\', '/');
                if (name.equals("Dockerfile")) {
                    throw new IOException("the context already holds a Dockerfile; BuildSteps write it");
                }
                total += Files.size(file);
                if (total > MAX_BYTES) {
                    throw new IOException("larger than " + (MAX_BYTES >> 20) + " MiB");
                }
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name);
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static void addBytes(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
