package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A node's run directory: the process manager's stand-in for a container's file system. A task path such as
 * {@code WorkingDir: /tmp/test} is {@code <run dir>/tmp/test}; each mount ({@code PrivateContent}, every
 * {@code SharedContent.Tgt}) is a symbolic link there to its source. Mounts may nest, as in the reference's example
 * ({@code PrivateContent: /tmp/test/} with {@code SharedContent.Tgt: /tmp/test/model}): the outer mount then becomes a
 * real directory of links to its source's entries, and the inner mount replaces its entry, so nothing is ever written
 * into a mount's source to make room for another mount.
 */
public final class RunDirectory {

    /** A source directory (or file) that appears at {@code path} (absolute, as the task writes it). */
    public record Mount(String path, Path source, String what) {
    }

    private RunDirectory() {
    }

    /** {@code <root>/<containerPath>}, refusing a path that leaves the run directory ({@code ..}). */
    public static Path inside(Path root, String containerPath) {
        String relative = containerPath.replaceFirst("^/+", "");
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root.normalize()))
            throw new IllegalArgumentException("path " + containerPath + " leaves the run directory");
        return resolved;
    }

    /** Creates {@code root} with every mount as a link and {@code workingDir} as a directory; returns the latter. */
    public static Path create(Path root, List<Mount> mounts, String workingDir) throws IOException {
        Files.createDirectories(root);
        List<Mount> ordered = new ArrayList<>(mounts);
        ordered.sort(Comparator.comparingInt(m -> inside(root, m.path()).getNameCount()));
        for (Mount mount : ordered) {
            if (!Files.exists(mount.source()))
                throw new IllegalArgumentException(mount.what() + " " + mount.source() + " does not exist");
            Path link = inside(root, mount.path());
            if (link.equals(root.normalize()))
                throw new IllegalArgumentException(mount.what() + " cannot be mounted at /");
            expandLinkedAncestors(root.normalize(), link.getParent());
            Files.createDirectories(link.getParent());
            if (Files.isSymbolicLink(link))
                Files.delete(link);
            else if (Files.isDirectory(link))
                try (Stream<Path> entries = Files.list(link)) {
                    if (entries.findAny().isPresent())
                        throw new IllegalArgumentException("two mounts at " + mount.path());
                    Files.delete(link);
                }
            Files.createSymbolicLink(link, mount.source().toAbsolutePath());
        }
        Path working = inside(root, workingDir);
        Files.createDirectories(working);
        return working;
    }

    /** Turns every link between {@code root} and {@code dir} into a directory of links to its target's entries. */
    private static void expandLinkedAncestors(Path root, Path dir) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = dir; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent())
            chain.add(0, p);
        for (Path p : chain) {
            if (!Files.isSymbolicLink(p))
                continue;
            Path target = Files.readSymbolicLink(p);
            Files.delete(p);
            Files.createDirectory(p);
            if (Files.isDirectory(target))
                try (Stream<Path> entries = Files.list(target)) {
                    for (Path entry : (Iterable<Path>) entries::iterator)
                        Files.createSymbolicLink(p.resolve(entry.getFileName().toString()), entry.toAbsolutePath());
                }
        }
    }
}
