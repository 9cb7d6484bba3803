package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.profile.EnvVars;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profile.NodeDef;

/**
 * MAKE_SWARM_USER_CONTENT in process mode: the reference's content volume is the directory
 * {@code content/<Outcome>} (BUILDCONTENT), or one copy per profile node in {@code content/<Outcome>/<idx>}
 * (SWARMCONTENT). Its {@code OpsList} runs in order: {@code DOWNLOAD} fetches an http, https or file URL to
 * {@code Out} (default: the URL's last path segment), {@code EXTRACT} unpacks a tar, tar.gz or zip archive (a path
 * inside the content, an absolute path or a file URL) into {@code Out} (default: the content's top). No path may
 * leave the content directory. The content is built aside and swapped in only when every operation succeeded.
 */
public final class UserContent {
    /** Marks content built per node (SWARMCONTENT): its copies are {@code <idx>/} subdirectories. */
    public static final String PER_NODE_MARKER = ".openswarm-per-node";

    private final Profile profile;
    private final SwopDirs dirs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    UserContent(ProcessContext ctx) {
        this(ctx.profile(), ctx.dirs());
    }

    /** Also used by the docker manager, which then copies the directory into a volume. */
    public UserContent(Profile profile, SwopDirs dirs) {
        this.profile = profile;
        this.dirs = dirs;
    }

    public PeerResult execute(TaskSpec task) throws InterruptedException {
        String what = "MAKE_SWARM_USER_CONTENT " + task.name();
        boolean perNode = "SWARMCONTENT".equals(task.string("ContentType"));
        List<?> ops = task.body().get("OpsList") instanceof List<?> list ? list : List.of();
        if (ops.isEmpty())
            return PeerResult.error(what + ": OpsList is empty");
        Path content = dirs.content(task.outcome());
        Path building = content.resolveSibling(content.getFileName() + ".building");
        Path log = dirs.logs(task.name()).resolve("content.log");
        try {
            Tree.delete(building);
            Files.createDirectories(building);
            if (perNode) {
                Files.writeString(building.resolve(PER_NODE_MARKER), task.name() + "\n");
                for (NodeDef node : profile.nodes())
                    runOps(ops, building.resolve(String.valueOf(node.idx())), log);
            } else {
                runOps(ops, building, log);
            }
            Tree.delete(content);
            Files.move(building, content, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | IllegalArgumentException e) {
            try {
                Tree.delete(building);
            } catch (IOException ignored) {
                // left for the next run to remove
            }
            return PeerResult.error(what + ": " + e.getMessage());
        }
        return PeerResult.complete("content " + task.outcome() + " ready (" + ops.size() + " operations"
                + (perNode ? ", one copy per node)" : ")"));
    }

    private void runOps(List<?> ops, Path root, Path log) throws IOException, InterruptedException {
        Files.createDirectories(root);
        for (Object item : ops) {
            if (!(item instanceof Map<?, ?> op))
                throw new IllegalArgumentException("an OpsList item is not a map");
            String operation = String.valueOf(op.get("Operation"));
            String target = String.valueOf(op.get("Target"));
            String out = EnvVars.of(op.get("Options")).get("Out");
            if (Thread.interrupted())
                throw new InterruptedException();
            switch (operation) {
                case "DOWNLOAD" -> {
                    Path file = Archives.target(root, out == null || out.isBlank() ? lastSegment(target) : out);
                    download(target, file);
                    note(log, "DOWNLOAD " + target + " -> " + file);
                }
                case "EXTRACT" -> {
                    Path dir = out == null || out.isBlank() ? root : Archives.target(root, out);
                    Path archive = archive(root, target);
                    int n = Archives.extract(archive, dir);
                    note(log, "EXTRACT " + archive + " -> " + dir + " (" + n + " entries)");
                }
                default -> throw new IllegalArgumentException("unknown Operation " + operation);
            }
        }
    }

    private void download(String url, Path file) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DOWNLOAD " + url + ": not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Files.createDirectories(file.getParent());
        switch (scheme) {
            case "file" -> {
                Path source = Path.of(uri);
                if (!Files.isRegularFile(source))
                    throw new IOException("DOWNLOAD " + url + ": no such file");
                Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
            }
            case "http", "https" -> {
                HttpResponse<InputStream> response;
                try {
                    response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException e) {
                    throw new IOException("DOWNLOAD " + url + ": " + e.getMessage(), e);
                }
                try (InputStream body = response.body()) {
                    if (response.statusCode() / 100 != 2)
                        throw new IOException("DOWNLOAD " + url + ": HTTP " + response.statusCode());
                    Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            default -> throw new IllegalArgumentException("DOWNLOAD " + url + ": only http, https and file URLs");
        }
    }

    private static Path archive(Path root, String target) throws IOException {
        if (target.startsWith("file:"))
            return Path.of(URI.create(target));
        if (target.startsWith("/"))
            return Path.of(target);
        Path inside = Archives.target(root, target);
        if (!Files.isRegularFile(inside))
            throw new IOException("EXTRACT " + target + ": no such archive in the content");
        return inside;
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isBlank())
            throw new IllegalArgumentException("DOWNLOAD " + url + ": give Options [Out: <file>]");
        return name;
    }

    private static void note(Path log, String line) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, java.time.Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
