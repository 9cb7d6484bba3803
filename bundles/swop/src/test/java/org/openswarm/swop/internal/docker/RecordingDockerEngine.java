package org.openswarm.swop.internal.docker;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THIS IS NOT DOCKER. A small HTTP server on loopback TCP that RECORDS every request the docker resource manager
 * sends (method, path, query, X-Registry-Auth header, body) and answers the Engine API routes the SWOP uses with
 * canned but well-formed Engine API JSON, so that tests can assert on the exact requests. It keeps just enough
 * state (names of networks, volumes and created containers with their labels) to answer inspect, list and
 * conflict the way an engine would. No container, image, network or volume exists anywhere; a test passing here
 * says the requests are right, not that Docker ran them.
 */
final class RecordingDockerEngine implements AutoCloseable {

    /** One recorded request. {@code path} includes the version prefix, e.g. /v1.41/containers/create. */
    record Recorded(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                    byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return new Gson().fromJson(bodyText(), JsonObject.class);
        }

        String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");
    private static final Gson GSON = new Gson();

    private final Server server = new Server();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<String> networks = ConcurrentHashMap.newKeySet();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final Set<String> images = ConcurrentHashMap.newKeySet();
    /** volume name -> files (relative path -> content) served by the archive route of a container mounting it */
    private final Map<String, Map<String, String>> volumeFiles = new ConcurrentHashMap<>();
    /** created containers: id -> [name, labels, state] */
    private final Map<String, Object[]> containers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int exitCode;
    /** container name -> exit code, where one container must exit otherwise than the rest */
    private final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    private volatile long waitDelayMillis;
    private volatile String logText = "epoch 1 loss 0.5\n";

    RecordingDockerEngine() throws Exception {
        // The engine's router takes %2F inside a path segment (image names like org/repo:tag), and docker-java
        // sends them so; Jetty's default URI compliance would refuse them as ambiguous.
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return answer(request, response, callback);
            }
        });
        server.start();
    }

    /** The endpoint a {@link DockerEngine} under test connects to. */
    DockerEndpoint endpoint() {
        return DockerEndpoint.tcp("127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort(),
                "RecordingDockerEngine, not Docker");
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests to paths ending with {@code suffix} (after the version prefix), in order. */
    List<Recorded> to(String method, String pathRegex) {
        List<Recorded> out = new ArrayList<>();
        for (Recorded r : requests) {
            Matcher m = VERSIONED.matcher(r.path());
            String p = m.matches() ? m.group(2) : r.path();
            if (r.method().equals(method) && p.matches(pathRegex)) {
                out.add(r);
            }
        }
        return out;
    }

    void knownNetwork(String name) {
        networks.add(name);
    }

    void knownVolume(String name) {
        volumes.add(name);
    }

    void knownImage(String image) {
        images.add(image);
    }

    void volumeFiles(String volume, Map<String, String> files) {
        volumes.add(volume);
        volumeFiles.put(volume, files);
    }

    /** The files a volume holds now (written through a helper container's archive route), path -> content. */
    Map<String, String> filesOf(String volume) {
        return Map.copyOf(volumeFiles.getOrDefault(volume, Map.of()));
    }

    /** Answers /wait only after this long, like a container that is still running. */
    void waitDelay(long millis) {
        waitDelayMillis = millis;
    }

    void exitCode(int code) {
        exitCode = code;
    }

    /** The exit code /wait answers for the container named {@code name} (the others answer {@link #exitCode}). */
    void exitCode(String name, int code) {
        exitCodes.put(name, code);
    }

    void logText(String text) {
        logText = text;
    }

    int containerCount() {
        return containers.size();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private boolean answer(Request request, Response response, Callback callback) throws Exception {
        byte[] body = Request.asInputStream(request).readAllBytes();
        String fullPath = request.getHttpURI().getPath();
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field f : fields) {
            query.put(f.getName(), f.getValues());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String auth = request.getHeaders().get("X-Registry-Auth");
        if (auth != null) {
            headers.put("X-Registry-Auth", auth);
        }
        headers.put("Content-Type", String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
        Recorded rec = new Recorded(request.getMethod(), fullPath, query, headers, body);
        requests.add(rec);

        Matcher vm = VERSIONED.matcher(fullPath);
        String path = vm.matches() ? vm.group(2) : fullPath;
        String method = request.getMethod();
        Matcher m;
        if (path.equals("/_ping")) {
            return text(response, callback, 200, "text/plain", "OK");
        }
        if (path.equals("/version")) {
            return json(response, callback, 200, Map.of("Version", "24.0.5", "ApiVersion", "1.43",
                    "MinAPIVersion", "1.12", "Os", "linux", "Arch", "amd64"));
        }
        if ((m = match("/networks/([^/]+)", path)) != null && method.equals("GET")) {
            String name = m.group(1);
            return networks.contains(name)
                    ? json(response, callback, 200, Map.of("Name", name, "Id", "net-" + name, "Driver", "bridge"))
                    : error(response, callback, 404, "network " + name + " not found");
        }
        if (path.equals("/networks/create") && method.equals("POST")) {
            String name = rec.json().get("Name").getAsString();
            networks.add(name);
            return json(response, callback, 201, Map.of("Id", "net-" + name, "Warning", ""));
        }
        if ((m = match("/volumes/([^/]+)", path)) != null && method.equals("GET")) {
            String name = m.group(1);
            return volumes.contains(name)
                    ? json(response, callback, 200, volume(name))
                    : error(response, callback, 404, "get " + name + ": no such volume");
        }
        if (path.equals("/volumes/create") && method.equals("POST")) {
            String name = rec.json().get("Name").getAsString();
            volumes.add(name);
            return json(response, callback, 201, volume(name));
        }
        if (path.equals("/images/create") && method.equals("POST")) {
            String tag = rec.param("tag");
            String image = rec.param("fromImage") + (tag == null ? "" : ":" + tag);
            if (image.contains("no-such-image")) {
                return error(response, callback, 404, "pull access denied for " + rec.param("fromImage")
                        + ", repository does not exist or may require 'docker login'");
            }
            images.add(image);
            return jsonLines(response, callback,
                    Map.of("status", "Pulling from " + rec.param("fromImage"), "id", tag == null ? "digest" : tag),
                    Map.of("status", "Pulling fs layer", "id", "a1b2c3"),
                    Map.of("status", "Downloading", "id", "a1b2c3", "progress", "[=====>   ] 5MB/9MB"),
                    Map.of("status", "Download complete", "id", "a1b2c3"),
                    Map.of("status", "Digest: sha256:0123456789abcdef"),
                    Map.of("status", "Status: Downloaded newer image for " + image));
        }
        if (path.equals("/build") && method.equals("POST")) {
            if (new String(body, StandardCharsets.ISO_8859_1).contains("RUN false")) {
                // What the engine streams when a step fails: HTTP 200, then an error item.
                return jsonLines(response, callback,
                        Map.of("stream", "Step 1/2 : FROM busybox\n"),
                        Map.of("stream", "Step 2/2 : RUN false\n"),
                        Map.of("errorDetail", Map.of("code", 1, "message",
                                        "The command '/bin/sh -c false' returned a non-zero code: 1"),
                                "error", "The command '/bin/sh -c false' returned a non-zero code: 1"));
            }
            images.add(rec.param("t"));
            return jsonLines(response, callback,
                    Map.of("stream", "Step 1/2 : FROM busybox\n"),
                    Map.of("stream", " ---> 3f57d9401f8d\n"),
                    Map.of("stream", "Step 2/2 : RUN echo built\n"),
                    Map.of("aux", Map.of("ID", "sha256:feedbeef")),
                    Map.of("stream", "Successfully built feedbeef\n"),
                    Map.of("stream", "Successfully tagged " + rec.param("t") + "\n"));
        }
        if (path.equals("/containers/create") && method.equals("POST")) {
            String name = rec.param("name");
            for (Object[] c : containers.values()) {
                if (c[0].equals(name)) {
                    return error(response, callback, 409, "Conflict. The container name \"/" + name
                            + "\" is already in use");
                }
            }
            String id = String.format("c%063d", ids.incrementAndGet());
            JsonObject labels = rec.json().getAsJsonObject("Labels");
            Map<String, String> l = new LinkedHashMap<>();
            if (labels != null) {
                labels.entrySet().forEach(e -> l.put(e.getKey(), e.getValue().getAsString()));
            }
            String binds = "";
            JsonObject hc = rec.json().getAsJsonObject("HostConfig");
            if (hc != null && hc.has("Binds") && !hc.get("Binds").isJsonNull()) {
                binds = hc.getAsJsonArray("Binds").get(0).getAsString();
            }
            containers.put(id, new Object[] {name, l, "created", rec.json().get("Image").getAsString(), binds});
            return json(response, callback, 201, Map.of("Id", id, "Warnings", List.of()));
        }
        if (path.equals("/containers/json") && method.equals("GET")) {
            return json(response, callback, 200, listContainers(rec.param("filters")));
        }
        if ((m = match("/images/(.+)/json", path)) != null && method.equals("GET")) {
            String image = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            return images.contains(image)
                    ? json(response, callback, 200, Map.of("Id", "sha256:" + Math.abs(image.hashCode()),
                            "RepoTags", List.of(image)))
                    : error(response, callback, 404, "No such image: " + image);
        }
        if ((m = match("/images/(.+)/tag", path)) != null && method.equals("POST")) {
            String image = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            if (!images.contains(image)) {
                return error(response, callback, 404, "No such image: " + image);
            }
            images.add(rec.param("repo") + ":" + rec.param("tag"));
            return empty(response, callback, 201);
        }
        if ((m = match("/containers/([^/]+)/archive", path)) != null && method.equals("PUT")) {
            Object[] c = find(m.group(1));
            if (c == null) {
                return error(response, callback, 404, "No such container: " + m.group(1));
            }
            String[] bind = ((String) c[4]).split(":");
            if (bind.length < 3 || !bind[1].equals(rec.param("path")) || "ro".equals(bind[2])) {
                return error(response, callback, 403, "container rootfs is marked read-only or path not mounted");
            }
            Map<String, String> files = new java.util.TreeMap<>(volumeFiles.getOrDefault(bind[0], Map.of()));
            try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                    new java.io.ByteArrayInputStream(body))) {
                for (var e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry()) {
                    if (e.isFile()) {
                        files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            volumeFiles.put(bind[0], files);
            return empty(response, callback, 200);
        }
        if ((m = match("/containers/([^/]+)/archive", path)) != null && method.equals("GET")) {
            Object[] c = find(m.group(1));
            if (c == null) {
                return error(response, callback, 404, "No such container: " + m.group(1));
            }
            // Binds[0] is "<volume>:<dir>:ro"; the engine names every entry under the last part of the path.
            String[] bind = ((String) c[4]).split(":");
            String dir = rec.param("path");
            if (bind.length < 2 || !bind[1].equals(dir)) {
                return error(response, callback, 404, "Could not find the file " + dir + " in container " + c[0]);
            }
            byte[] tar = tar(dir.substring(dir.lastIndexOf('/') + 1), volumeFiles.getOrDefault(bind[0], Map.of()));
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-tar");
            response.write(true, ByteBuffer.wrap(tar), callback);
            return true;
        }
        if ((m = match("/containers/([^/]+)/(start|stop|wait|logs)", path)) != null) {
            Object[] c = find(m.group(1));
            if (c == null) {
                return error(response, callback, 404, "No such container: " + m.group(1));
            }
            switch (m.group(2)) {
                case "start" -> {
                    c[2] = "running";
                    return empty(response, callback, 204);
                }
                case "stop" -> {
                    boolean wasRunning = "running".equals(c[2]);
                    c[2] = "exited";
                    return empty(response, callback, wasRunning ? 204 : 304);
                }
                case "wait" -> {
                    Thread.sleep(waitDelayMillis);
                    c[2] = "exited";
                    return json(response, callback, 200, Map.of("StatusCode",
                            exitCodes.getOrDefault((String) c[0], exitCode)));
                }
                default -> {
                    return rawStream(response, callback, logText);
                }
            }
        }
        if ((m = match("/containers/([^/]+)", path)) != null && method.equals("DELETE")) {
            String key = idOf(m.group(1));
            if (key == null) {
                return error(response, callback, 404, "No such container: " + m.group(1));
            }
            containers.remove(key);
            return empty(response, callback, 204);
        }
        return error(response, callback, 404, "page not found (RecordingDockerEngine has no route " + method + " "
                + path + ")");
    }

    private List<Map<String, Object>> listContainers(String filters) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (filters != null) {
            JsonObject f = GSON.fromJson(filters, JsonObject.class);
            if (f.has("label")) {
                f.getAsJsonArray("label").forEach(e -> {
                    String s = e.getAsString();
                    int eq = s.indexOf('=');
                    wanted.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
                });
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        containers.forEach((id, c) -> {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) c[1];
            boolean ok = wanted.entrySet().stream().allMatch(w -> labels.containsKey(w.getKey())
                    && (w.getValue() == null || w.getValue().equals(labels.get(w.getKey()))));
            if (ok) {
                out.add(Map.of("Id", id, "Names", List.of("/" + c[0]), "Image", c[3], "State", c[2],
                        "Labels", labels));
            }
        });
        return out;
    }

    private Object[] find(String idOrName) {
        String key = idOf(idOrName);
        return key == null ? null : containers.get(key);
    }

    private String idOf(String idOrName) {
        if (containers.containsKey(idOrName)) {
            return idOrName;
        }
        for (Map.Entry<String, Object[]> e : containers.entrySet()) {
            if (e.getValue()[0].equals(idOrName)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static byte[] tar(String top, Map<String, String> files) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            tar.putArchiveEntry(new org.apache.commons.compress.archivers.tar.TarArchiveEntry(top + "/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(top + "/" + f.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, Object> volume(String name) {
        return Map.of("Name", name, "Driver", "local", "Mountpoint", "/var/lib/docker/volumes/" + name + "/_data",
                "Labels", Map.of(), "Scope", "local");
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private static boolean json(Response response, Callback callback, int status, Object body) {
        return text(response, callback, status, "application/json", GSON.toJson(body));
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        return json(response, callback, status, Map.of("message", message));
    }

    private static boolean jsonLines(Response response, Callback callback, Object... items) {
        StringBuilder sb = new StringBuilder();
        for (Object item : items) {
            sb.append(GSON.toJson(item)).append("\r\n");
        }
        return text(response, callback, 200, "application/json", sb.toString());
    }

    private static boolean empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        callback.succeeded();
        return true;
    }

    /** The Engine API's multiplexed log stream: 8-byte header (stream 1 = stdout, big-endian size), payload. */
    private static boolean rawStream(Response response, Callback callback, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(0);
        out.write(0);
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
        out.writeBytes(payload);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/vnd.docker.raw-stream");
        response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
        return true;
    }

    private static boolean text(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
