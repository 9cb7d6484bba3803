package org.openswarm.swop.internal.docker;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
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
        return build(buildSteps, String.valueOf(contextDir), tar -> {
            if (contextDir != null) {
                addDirectory(tar, contextDir);
            }
        });
    }

    /**
     * The tar: {@code Dockerfile} first, then the regular files of a volume archive as the engine's
     * {@code GET /containers/{id}/archive?path=/<dir>} returns it (every entry under one top directory, which is
     * dropped, so the volume's root becomes the context root).
     */
    public static byte[] buildFromArchive(List<String> buildSteps, byte[] volumeArchive, String volume) {
        return build(buildSteps, "volume " + volume, tar -> addArchive(tar, volumeArchive));
    }

    /**
     * The image of the first {@code FROM} line ({@code FROM [--platform=...] image [AS name]}): the build needs it
     * anyway, and it serves as the helper container that reads a BuildContext volume.
     */
    public static String baseImage(List<String> buildSteps) {
        for (String line : dockerfile(buildSteps).split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length > 1 && words[0].equalsIgnoreCase("FROM")) {
                for (int i = 1; i < words.length; i++) {
                    if (!words[i].startsWith("--")) {
                        if (words[i].contains("$")) {
                            throw new IllegalArgumentException("the base image '" + words[i] + "' uses a build "
                                    + "argument; a BuildContext volume needs a literal FROM image");
                        }
                        return words[i];
                    }
                }
            }
        }
        throw new IllegalArgumentException("BuildSteps have no FROM line with an image");
    }

    /**
     * A plain tar of every regular file under {@code dir} (relative names), for filling a volume (the content of a
     * MAKE_SWARM_USER_CONTENT task). Unlike a build context it may hold a file named Dockerfile.
     */
    public static byte[] directory(Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addFiles(tar, dir, Long.MAX_VALUE, false);
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + dir + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private interface Content {
        void addTo(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] build(List<String> buildSteps, String source, Content content) {
        byte[] dockerfile = dockerfile(buildSteps).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addBytes(tar, "Dockerfile", dockerfile);
            content.addTo(tar);
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the build context from " + source + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void addArchive(TarArchiveOutputStream tar, byte[] archive) throws IOException {
        long total = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry e;
            while ((e = in.getNextTarEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String name = e.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? name : name.substring(slash + 1);
                if (relative.isEmpty() || relative.startsWith("/") || ("/" + relative + "/").contains("/../")) {
                    throw new IOException("unsafe entry '" + name + "'");
                }
                if (relative.equals("Dockerfile")) {
                    throw new IOException("the context already holds a Dockerfile; BuildSteps write it");
                }
                total += e.getSize();
                if (total > MAX_BYTES) {
                    throw new IOException("larger than " + (MAX_BYTES >> 20) + " MiB");
                }
                TarArchiveEntry out = new TarArchiveEntry(relative);
                out.setSize(e.getSize());
                out.setMode(e.getMode());
                out.setModTime(e.getModTime());
                tar.putArchiveEntry(out);
                in.transferTo(tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static void addDirectory(TarArchiveOutputStream tar, Path dir) throws IOException {
        addFiles(tar, dir, MAX_BYTES, true);
    }

    private static void addFiles(TarArchiveOutputStream tar, Path dir, long maxBytes, boolean buildContext)
            throws IOException {
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
                if (buildContext && name.equals("Dockerfile")) {
                    throw new IOException("the context already holds a Dockerfile; BuildSteps write it");
                }
                total += Files.size(file);
                if (total > maxBytes) {
                    throw new IOException("larger than " + (maxBytes >> 20) + " MiB");
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
