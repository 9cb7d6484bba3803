package org.openswarm.swop.internal.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Docker Engine API operations the SWOP needs, through docker-java (embedded in this bundle). Every call is
 * pinned to API version {@value #API_VERSION} so the requests are the same on every engine from Docker 20.10 on.
 * A failure to reach the engine at all is a {@link DockerUnavailableException} ("docker not available: ..."); an
 * engine that answers with an error is a {@link DockerOperationException}.
 */
public final class DockerEngine implements AutoCloseable {

    public static final String API_VERSION = "1.41";

    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    // The availability check must fail fast; pulls, builds and waits may legitimately run for hours.
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerEndpoint endpoint;
    private final DockerClient client;
    private final DockerClient pingClient;

    /** The engine's answer to a version request. */
    public record EngineVersion(String version, String apiVersion, String os, String arch) {
    }

    /** One container as {@code GET /containers/json} lists it. */
    public record ContainerSummary(String id, String name, String image, String state, Map<String, String> labels) {
    }

    private DockerEngine(DockerEndpoint endpoint) {
        this.endpoint = endpoint;
        DockerClientConfig config = config(endpoint);
        this.client = DockerClientImpl.getInstance(config, httpClient(config, null));
        this.pingClient = DockerClientImpl.getInstance(config, httpClient(config, PING_TIMEOUT));
    }

    /** A client for {@code endpoint}; nothing is contacted until the first call (see {@link #ping()}). */
    public static DockerEngine open(DockerEndpoint endpoint) {
        return new DockerEngine(endpoint);
    }

    /** A client for the environment's engine (profile {@code accesstype: FROMENV}). */
    public static DockerEngine fromEnvironment() {
        return open(DockerEndpoint.fromEnvironment(System.getenv()));
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    private static DockerClientConfig config(DockerEndpoint endpoint) {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host())
                .withApiVersion(RemoteApiVersion.parseConfig(API_VERSION))
                .withDockerTlsVerify(endpoint.tlsVerify());
        if (endpoint.certPath() != null) {
            b.withDockerCertPath(endpoint.certPath().toString());
        }
        return b.build();
    }

    private static DockerHttpClient httpClient(DockerClientConfig config, Duration responseTimeout) {
        ApacheDockerHttpClient.Builder b = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(CONNECT_TIMEOUT);
        if (responseTimeout != null) {
            b.responseTimeout(responseTimeout);
        }
        return b.build();
    }

    /**
     * Checks that a Docker engine answers ({@code GET /_ping}, then {@code GET /version}). Fails within seconds
     * with "docker not available: &lt;endpoint&gt; (&lt;how it was chosen&gt;): &lt;reason&gt;".
     */
    public EngineVersion ping() {
        Path socket = endpoint.socketPath();
        if (socket != null && !Files.exists(socket)) {
            throw new DockerUnavailableException(endpoint, "no socket at " + socket
                    + " (is the Docker engine installed and running? set DOCKER_HOST to use another)", null);
        }
        try {
            pingClient.pingCmd().exec();
            Version v = pingClient.versionCmd().exec();
            return new EngineVersion(v.getVersion(), v.getApiVersion(), v.getOperatingSystem(), v.getArch());
        } catch (DockerException e) {
            throw new DockerUnavailableException(endpoint, "the endpoint answered HTTP " + e.getHttpStatus()
                    + ", not as a Docker engine: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new DockerUnavailableException(endpoint, reason(e), e);
        }
    }

    /** Inspects network {@code name} and creates it (bridge driver) when missing; returns its id. */
    public String ensureNetwork(String name, Map<String, String> labels) {
        return call("network " + name, () -> {
            try {
                return client.inspectNetworkCmd().withNetworkId(name).exec().getId();
            } catch (NotFoundException missing) {
                LOG.info("Creating Docker network {}", name);
                return client.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels).exec().getId();
            }
        });
    }

    /** Inspects volume {@code name} and creates it when missing; returns its name. */
    public String ensureVolume(String name, Map<String, String> labels) {
        return call("volume " + name, () -> {
            try {
                return client.inspectVolumeCmd(name).exec().getName();
            } catch (NotFoundException missing) {
                LOG.info("Creating Docker volume {}", name);
                return client.createVolumeCmd().withName(name).withLabels(labels).exec().getName();
            }
        });
    }

    /**
     * Pulls {@code image} ({@code registry/org/repo:tag}), with credentials when {@code auth} is not null; each
     * progress line ("Pulling fs layer", "Download complete"...) goes to {@code progress}.
     */
    public void pullImage(String image, AuthConfig auth, Consumer<String> progress) {
        // repo[:tag] or repo@sha256:<digest>; a port in the registry host (host:5000/repo) is not a tag.
        boolean digest = image.contains("@");
        int colon = image.lastIndexOf(':');
        boolean hasTag = !digest && colon > image.lastIndexOf('/');
        String repository = hasTag ? image.substring(0, colon) : image;
        String tag = digest ? null : hasTag ? image.substring(colon + 1) : "latest";
        call("pull " + image, () -> {
            var cmd = client.pullImageCmd(repository);
            if (tag != null) {
                cmd.withTag(tag);
            }
            if (auth != null) {
                cmd.withAuthConfig(auth);
            }
            try {
                cmd.exec(new PullImageResultCallback() {
                    @Override
                    public void onNext(PullResponseItem item) {
                        if (item.getStatus() != null || item.getError() != null) {
                            progress.accept(progressLine(item.getId(), item.getStatus(), item.getProgress(),
                                    item.getError()));
                        }
                        super.onNext(item);
                    }
                }).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DockerOperationException("pull " + image, "interrupted", e);
            }
            return null;
        });
    }

    /**
     * Tags {@code image} also as {@code target} ({@code repo[:tag]}, tag "latest" when none): a PULL_IMAGE whose
     * Outcome is not the pulled reference, so that a RUN_SWARM naming it as Prereq finds its image.
     */
    public void tagImage(String image, String target) {
        int colon = target.lastIndexOf(':');
        boolean hasTag = colon > target.lastIndexOf('/');
        String repository = hasTag ? target.substring(0, colon) : target;
        String tag = hasTag ? target.substring(colon + 1) : "latest";
        call("tag " + image + " as " + target, () -> {
            client.tagImageCmd(image, repository, tag).withForce(true).exec();
            return null;
        });
    }

    /**
     * Builds an image tagged {@code tag} from a MAKE_USER_CONTAINER task: a Dockerfile from {@code buildSteps} and
     * the files of {@code contextDir} (may be null) sent as an in-memory tar. Returns the image id.
     */
    public String buildImage(String tag, List<String> buildSteps, Path contextDir, Consumer<String> progress) {
        byte[] tar = BuildContextTar.build(buildSteps, contextDir);
        return call("build " + tag, () -> buildFromTar(tag, tar, progress));
    }

    private String buildFromTar(String tag, byte[] tar, Consumer<String> progress) {
        return client.buildImageCmd(new ByteArrayInputStream(tar))
                .withTags(Set.of(tag))
                .withRemove(true)
                .withForcerm(true)
                .exec(new BuildImageResultCallback() {
                    @Override
                    public void onNext(BuildResponseItem item) {
                        if (item.getStream() != null && !item.getStream().isBlank()) {
                            progress.accept(item.getStream().stripTrailing());
                        } else if (item.getError() != null) {
                            progress.accept("ERROR " + item.getError());
                        }
                        super.onNext(item);
                    }
                }).awaitImageId();
    }

    /**
     * MAKE_USER_CONTAINER with a {@code BuildContext} volume (reference §5.2): the volume's files become the build
     * context, beside the Dockerfile written from {@code buildSteps}. The files are read through a helper container
     * of the build's base image (pulled first when missing), which is created, never started, and removed.
     */
    public String buildImageFromVolume(String tag, List<String> buildSteps, String volume, Consumer<String> progress) {
        String base = BuildContextTar.baseImage(buildSteps);
        if (!imageExists(base)) {
            progress.accept("Pulling base image " + base + " to read the build context volume " + volume);
            pullImage(base, null, progress);
        }
        byte[] tar = BuildContextTar.buildFromArchive(buildSteps, readVolume(volume, base), volume);
        return call("build " + tag, () -> buildFromTar(tag, tar, progress));
    }

    /** Whether the engine holds {@code image} ({@code GET /images/{name}/json}). */
    public boolean imageExists(String image) {
        return call("inspect image " + image, () -> {
            try {
                client.inspectImageCmd(image).exec();
                return true;
            } catch (NotFoundException missing) {
                return false;
            }
        });
    }

    /**
     * The files of {@code volume} as the engine archives them: a helper container of {@code helperImage} mounts
     * the volume read-only at {@value #VOLUME_MOUNT} (it is never started), {@code GET /containers/{id}/archive}
     * returns the tar, and the helper is removed. The Engine API has no direct way to read a volume.
     */
    public byte[] readVolume(String volume, String helperImage) {
        String helper = createVolumeHelper(volume, helperImage, true);
        try {
            return call("read volume " + volume, () -> {
                try (var in = client.copyArchiveFromContainerCmd(helper, VOLUME_MOUNT).exec()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            removeContainer(helper, true);
        }
    }

    /**
     * Fills {@code volume} (created when missing) with the files of {@code dir}: the outcome of a
     * MAKE_SWARM_USER_CONTENT task in docker mode. A helper container of {@code helperImage} (an image the engine
     * holds, e.g. the SL image) mounts the volume at {@value #VOLUME_MOUNT}, is never started, receives the files
     * through {@code PUT /containers/{id}/archive}, and is removed.
     */
    public void writeVolume(String volume, Path dir, String helperImage, Map<String, String> labels) {
        byte[] tar = BuildContextTar.directory(dir);
        ensureVolume(volume, labels);
        String helper = createVolumeHelper(volume, helperImage, false);
        try {
            call("write volume " + volume, () -> {
                client.copyArchiveToContainerCmd(helper).withRemotePath(VOLUME_MOUNT)
                        .withTarInputStream(new ByteArrayInputStream(tar)).exec();
                return null;
            });
        } finally {
            removeContainer(helper, true);
        }
    }

    private String createVolumeHelper(String volume, String helperImage, boolean readOnly) {
        return call((readOnly ? "read" : "write") + " volume " + volume, () -> client.createContainerCmd(helperImage)
                .withName("swop-volume-" + (readOnly ? "reader-" : "writer-")
                        + UUID.randomUUID().toString().substring(0, 8))
                .withCmd(VOLUME_MOUNT)
                .withLabels(Map.of(TaskLabels.PREFIX + "helper", readOnly ? "volume-reader" : "volume-writer"))
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode("none")
                        .withBinds(Bind.parse(volume + ":" + VOLUME_MOUNT
                                + (readOnly ? ":ro" : ":rw"))))
                .exec().getId());
    }

    /** Where {@link #readVolume} and {@link #writeVolume} mount the volume in their helper container. */
    public static final String VOLUME_MOUNT = "/swop-volume";

    /** Creates the container described by {@code spec}; returns its id. */
    public String createContainer(ContainerSpec spec) {
        return call("create container " + spec.name(), () -> {
            CreateContainerCmd cmd = client.createContainerCmd(spec.image());
            return ContainerRequestMapper.apply(cmd, spec).exec().getId();
        });
    }

    public void startContainer(String idOrName) {
        call("start container " + idOrName, () -> {
            client.startContainerCmd(idOrName).exec();
            return null;
        });
    }

    /** Waits until the container exits and returns its exit code; null when {@code timeout} passed first. */
    public Integer waitContainer(String idOrName, Duration timeout) {
        return call("wait for container " + idOrName, () -> {
            WaitContainerResultCallback cb = client.waitContainerCmd(idOrName).exec(new WaitContainerResultCallback());
            try (cb) {
                if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return null;
                }
                return cb.awaitStatusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (IOException closing) {
                LOG.debug("Closing the wait for {}: {}", idOrName, closing.toString());
                return null;
            }
        });
    }

    /** The last {@code tailLines} lines of the container's stdout and stderr, as text. */
    public String logs(String idOrName, int tailLines) {
        return call("logs of container " + idOrName, () -> {
            StringBuilder out = new StringBuilder();
            try {
                client.logContainerCmd(idOrName).withStdOut(true).withStdErr(true).withTail(tailLines)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }).awaitCompletion(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return out.toString();
        });
    }

    /** Stops the container (SIGTERM, then SIGKILL after {@code graceSeconds}); an already stopped one is fine. */
    public void stopContainer(String idOrName, int graceSeconds) {
        call("stop container " + idOrName, () -> {
            try {
                client.stopContainerCmd(idOrName).withTimeout(graceSeconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                LOG.debug("Container {} was already stopped", idOrName);
            }
            return null;
        });
    }

    /** Removes the container and its anonymous volumes; a container that is already gone is fine. */
    public void removeContainer(String idOrName, boolean force) {
        call("remove container " + idOrName, () -> {
            try {
                client.removeContainerCmd(idOrName).withForce(force).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                LOG.debug("Container {} was already removed", idOrName);
            }
            return null;
        });
    }

    /** Every container (running or not) that carries all of {@code labels}. */
    public List<ContainerSummary> listByLabels(Map<String, String> labels) {
        return call("list containers " + labels, () -> {
            List<ContainerSummary> out = new ArrayList<>();
            for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
                String name = c.getNames() == null || c.getNames().length == 0 ? c.getId()
                        : c.getNames()[0].replaceFirst("^/", "");
                out.add(new ContainerSummary(c.getId(), name, c.getImage(), c.getState(),
                        c.getLabels() == null ? Map.of() : c.getLabels()));
            }
            return out;
        });
    }

    @Override
    public void close() {
        try {
            client.close();
            pingClient.close();
        } catch (IOException e) {
            LOG.debug("Closing the Docker client: {}", e.toString());
        }
    }

    /** Runs one operation, turning docker-java's exceptions into ours with the operation named. */
    private <T> T call(String operation, Supplier<T> op) {
        try {
            return op.get();
        } catch (DockerUnavailableException | DockerOperationException | IllegalArgumentException e) {
            throw e;
        } catch (DockerException e) {
            throw new DockerOperationException(operation, "engine answered HTTP " + e.getHttpStatus() + ": "
                    + engineMessage(e), e);
        } catch (RuntimeException e) {
            if (hasIoCause(e)) {
                throw new DockerUnavailableException(endpoint, operation + ": " + reason(e), e);
            }
            throw new DockerOperationException(operation, firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** docker-java's message is 'Status 409: {"message":"..."}'; keep the engine's sentence. */
    private static String engineMessage(DockerException e) {
        String m = String.valueOf(e.getMessage());
        int brace = m.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode body = JSON.readTree(m.substring(brace));
                if (body.hasNonNull("message")) {
                    return body.get("message").asText();
                }
            } catch (IOException notJson) {
                // fall through to the raw first line
            }
        }
        return firstLine(m);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's class and message: "ConnectException: Connection refused". */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String progressLine(String id, String status, String progress, String error) {
        List<String> parts = new ArrayList<>(Arrays.asList(id, status, progress, error == null ? null : "ERROR " + error));
        parts.removeIf(p -> p == null || p.isBlank());
        return String.join(" ", parts);
    }
}
