package org.openswarm.swop.internal.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.github.dockerjava.api.model.AuthConfig;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.ResourceManager;
import org.openswarm.swop.internal.exec.TaskRun;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.process.UserContent;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profile.NodeDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DOCKER resource manager (reference §2.3, §5): maps a task and the profile onto the Engine API operations of
 * {@link DockerEngine}. RUN_SWARM starts one SL and one ML container per {@code slnodedef}; MAKE_USER_CONTAINER
 * builds the image named by its Outcome; PULL_IMAGE pulls (and tags as the Outcome when that differs);
 * MAKE_SWARM_USER_CONTENT downloads and extracts like the PROCESS manager, then copies the result into the volume
 * named by the Outcome ({@code <Outcome>-<idx>} per node for SWARMCONTENT). MAKE_USER_ENV is PROCESS-only.
 *
 * <p>Every task first pings the engine, so a host without Docker answers at once with
 * {@code docker not available: <endpoint> (<origin>): <reason>}. The unit tests run this class against a recording
 * HTTP server, not against Docker: no Docker engine has run these requests.
 */
public final class DockerResourceManager implements ResourceManager, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerResourceManager.class);
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Profile profile;
    private final DockerSettings settings;
    private final DockerEngine engine;

    public DockerResourceManager(Profile profile, DockerSettings settings, DockerEngine engine) {
        this.profile = profile;
        this.settings = settings;
        this.engine = engine;
    }

    @Override
    public PeerResult execute(TaskRun run) throws InterruptedException {
        TaskSpec task = run.task();
        String what = task.type() + " " + task.name();
        if (task.type() == TaskType.MAKE_USER_ENV)
            return PeerResult.error(what + ": MAKE_USER_ENV is the PROCESS resource manager's extension; this SWOP's "
                    + "profile uses resourcemgr DOCKER (use MAKE_USER_CONTAINER or PULL_IMAGE)");
        try {
            engine.ping();
        } catch (DockerUnavailableException e) {
            return PeerResult.error(e.getMessage());
        }
        try {
            return switch (task.type()) {
                case RUN_SWARM -> runSwarm(run);
                case MAKE_USER_CONTAINER -> build(task);
                case PULL_IMAGE -> pull(task);
                case MAKE_SWARM_USER_CONTENT -> content(task);
                case MAKE_USER_ENV -> throw new IllegalStateException("handled above");
            };
        } catch (DockerUnavailableException e) {
            return PeerResult.error(e.getMessage());
        } catch (DockerOperationException | IllegalArgumentException e) {
            // docker-java turns an interrupted pull or build into an error; RESET must still see the interrupt.
            if (Thread.interrupted())
                throw new InterruptedException(what + " stopped");
            return PeerResult.error(what + ": " + e.getMessage());
        }
    }

    private PeerResult runSwarm(TaskRun run) throws InterruptedException {
        List<SwarmNodeRequest> nodes = SwarmTaskMapper.requests(profile, run, settings, node -> token());
        return new DockerSwarmRun(engine, settings).execute(run.task().name(), nodes);
    }

    /** MAKE_USER_CONTAINER: a Dockerfile from the INLINE BuildSteps, the BuildContext volume's files as context. */
    private PeerResult build(TaskSpec task) {
        if ("REMOTE".equals(task.string("BuildType")))
            throw new IllegalArgumentException("BuildType REMOTE is not implemented (nor in the reference): give the "
                    + "Dockerfile lines as INLINE BuildSteps");
        List<String> steps = task.body().get("BuildSteps") instanceof List<?> l
                ? l.stream().map(s -> s == null ? "" : String.valueOf(s)).toList() : List.of();
        if (steps.isEmpty())
            throw new IllegalArgumentException("BuildSteps is empty");
        String volume = task.string("BuildContext");
        Path log = settings.dirs().logs(task.name()).resolve("build.log");
        Consumer<String> progress = logTo(log);
        String id;
        try {
            id = volume == null || volume.isBlank() ? engine.buildImage(task.outcome(), steps, null, progress)
                    : engine.buildImageFromVolume(task.outcome(), steps, volume, progress);
        } catch (DockerOperationException e) {
            throw new DockerOperationException(e.getMessage(), "log " + settings.dirs().shortName(log), e);
        }
        return PeerResult.complete("image " + task.outcome() + " built (" + id + ")");
    }

    /** PULL_IMAGE: OrgAndReg + RepoName + ":" + Tag, with the task's Auth; tagged as the Outcome when it differs. */
    private PeerResult pull(TaskSpec task) {
        String image = RegistryAuth.imageReference(task.string("OrgAndReg"), task.string("RepoName"),
                task.string("Tag"));
        AuthConfig auth = auth(task.body().get("Auth"), RegistryAuth.registryOf(image));
        engine.pullImage(image, auth, logTo(settings.dirs().logs(task.name()).resolve("pull.log")));
        String outcome = task.outcome();
        if (outcome != null && !outcome.isBlank() && !outcome.equals(image)) {
            engine.tagImage(image, outcome);
            return PeerResult.complete("image " + image + " pulled, tagged " + outcome);
        }
        return PeerResult.complete("image " + image + " pulled");
    }

    /** {@code ~}: none; {@code {Username, Password}}; a string: a Docker config.json (relative to the profile). */
    private AuthConfig auth(Object value, String registry) {
        if (value == null)
            return null;
        if (value instanceof Map<?, ?> m)
            return RegistryAuth.usernamePassword(registry, m.get("Username") == null ? null
                    : String.valueOf(m.get("Username")), m.get("Password") == null ? null
                            : String.valueOf(m.get("Password")));
        Path file = settings.profileDir().resolve(String.valueOf(value)).normalize();
        return RegistryAuth.fromConfigFile(file, registry);
    }

    /**
     * MAKE_SWARM_USER_CONTENT: the PROCESS manager's download and extract into {@code <swop data>/content/<Outcome>},
     * then into volume {@code <Outcome>} (one volume {@code <Outcome>-<idx>} per profile node for SWARMCONTENT).
     */
    private PeerResult content(TaskSpec task) throws InterruptedException {
        String outcome = task.outcome();
        if (outcome == null || !VOLUME_NAME.matcher(outcome).matches())
            throw new IllegalArgumentException("Outcome '" + outcome + "' is not a Docker volume name "
                    + "([a-zA-Z0-9][a-zA-Z0-9_.-]+)");
        PeerResult staged = new UserContent(profile, settings.dirs()).execute(task);
        if (!staged.complete())
            return staged;
        Path dir = settings.dirs().content(outcome);
        ensureHelperImage(logTo(settings.dirs().logs(task.name()).resolve("content.log")));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TaskLabels.SWOP, settings.swop());
        labels.put(TaskLabels.TASK, task.name());
        if (Files.exists(dir.resolve(UserContent.PER_NODE_MARKER))) {
            StringBuilder names = new StringBuilder();
            for (NodeDef node : profile.nodes()) {
                String volume = ContentVolumes.perNode(outcome, node.idx());
                engine.writeVolume(volume, dir.resolve(String.valueOf(node.idx())), settings.helperImage(), labels);
                names.append(names.isEmpty() ? "" : ", ").append(volume);
            }
            return PeerResult.complete("content volumes " + names + " ready");
        }
        engine.writeVolume(outcome, dir, settings.helperImage(), labels);
        return PeerResult.complete("content volume " + outcome + " ready");
    }

    private void ensureHelperImage(Consumer<String> progress) {
        if (!engine.imageExists(settings.helperImage())) {
            progress.accept("Pulling the volume helper image " + settings.helperImage());
            engine.pullImage(settings.helperImage(), null, progress);
        }
    }

    /**
     * Stops the task's containers (found by their labels: this SWOP, its taskrunner, the task) and removes them unless
     * {@code keep} (SWOP_KEEP_CONTAINERS). Images and volumes stay: later tasks name them.
     */
    @Override
    public void release(TaskSpec task, boolean keep) {
        if (task.type() != TaskType.RUN_SWARM)
            return; // only RUN_SWARM leaves containers; the helpers of the others are removed at once
        Map<String, String> labels = Map.of(TaskLabels.SWOP, settings.swop(), TaskLabels.TASKRUNNER,
                settings.taskrunner(), TaskLabels.TASK, task.name());
        int grace = (int) Math.max(0, settings.stopGrace().toSeconds());
        try {
            for (DockerEngine.ContainerSummary c : engine.listByLabels(labels)) {
                if ("running".equals(c.state()))
                    engine.stopContainer(c.id(), grace);
                if (keep)
                    LOG.info("SWOP: keeping container {} (keepOnReset)", c.name());
                else
                    engine.removeContainer(c.id(), true);
            }
        } catch (RuntimeException e) {
            LOG.warn("SWOP: cannot release the containers of {}: {}", task.name(), e.getMessage());
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Each progress line of a pull or build, appended to the task's log file. */
    private static Consumer<String> logTo(Path file) {
        return line -> {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.debug("Cannot write {}: {}", file, e.toString());
            }
        };
    }
}
