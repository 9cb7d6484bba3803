package org.openswarm.swop.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;
import org.openswarm.common.data.DataDirectories;
import org.openswarm.common.data.SecretFiles;
import org.openswarm.common.license.HeldLease;
import org.openswarm.common.sn.SnClient;
import org.openswarm.swop.internal.docker.DockerEndpoint;
import org.openswarm.swop.internal.docker.DockerEngine;
import org.openswarm.swop.internal.docker.DockerResourceManager;
import org.openswarm.swop.internal.docker.DockerSettings;
import org.openswarm.swop.internal.exec.ResourceManager;
import org.openswarm.swop.internal.exec.SwopSettings;
import org.openswarm.swop.internal.exec.TaskRunnerLoop;
import org.openswarm.swop.internal.exec.UnavailableResourceManager;
import org.openswarm.swop.internal.process.ConfigAdminSlInstances;
import org.openswarm.swop.internal.process.ProcessContext;
import org.openswarm.swop.internal.process.ProcessResourceManager;
import org.openswarm.swop.internal.process.SwopDirs;
import org.openswarm.swop.internal.profile.InvalidProfileException;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profiles;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SWOP (PID {@code org.openswarm.swop}): reads and validates its profile, then follows its taskrunner through its
 * SN. A missing or invalid profile leaves it idle with the reason in the log; the SN being down only delays it. It
 * leases a SWOP license token as the SL does, which never blocks its start.
 */
@Component(configurationPid = SwopConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = SwopComponent.class)
@Designate(ocd = SwopConfig.class)
public final class SwopComponent {
    private static final Logger LOG = LoggerFactory.getLogger(SwopComponent.class);

    private final String uid;
    private volatile String summary = "idle";
    private final TaskRunnerLoop loop;
    private final HeldLease license = new HeldLease(Feature.SWOP);
    /** The resource manager when it holds a client (DOCKER), closed on deactivation. */
    private volatile AutoCloseable closeable;

    @Activate
    public SwopComponent(SwopConfig config, @Reference ConfigurationAdmin configAdmin) {
        Path dataDir = config.dataDir().isBlank() ? DataDirectories.forComponent("swop")
                : DataDirectories.resolve(config.dataDir(), "swop");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the SWOP data directory " + dataDir, e);
        }
        this.uid = SecretFiles.readOrCreate(dataDir.resolve("node-uid"), () -> UUID.randomUUID().toString());
        this.loop = start(config, configAdmin, dataDir);
    }

    private TaskRunnerLoop start(SwopConfig config, ConfigurationAdmin configAdmin, Path dataDir) {
        if (config.profile().isBlank()) {
            LOG.info("SWOP idle: no profile configured (set profile in etc/{}.cfg)", SwopConfig.PID);
            return null;
        }
        Path profileFile = Path.of(config.profile()).toAbsolutePath().normalize();
        Profile profile;
        try {
            LOG.info("SWOP: SL Nodes validation is started ({})", profileFile);
            profile = new Profiles().load(profileFile);
        } catch (IOException e) {
            LOG.error("SWOP idle: cannot read its profile {}: {}", profileFile, e.getMessage());
            return null;
        } catch (InvalidProfileException e) {
            LOG.error("SWOP idle: {}", e.getMessage());
            return null;
        }
        if (profile.policyUri() != null)
            LOG.warn("SWOP: policyuri {} is not evaluated: policy engines are not implemented, every task is accepted",
                    profile.policyUri());
        String taskRunner = config.taskrunner().isBlank() ? profile.taskRunner() : config.taskrunner();
        String name = config.name().isBlank() ? "swop-" + profile.groupName() : config.name();
        ResourceManager manager = switch (profile.manager()) {
            case PROCESS -> new ProcessResourceManager(new ProcessContext(profile, profileFile.getParent(),
                    new SwopDirs(dataDir), new ConfigAdminSlInstances(configAdmin), config.snHost(), config.snPort(),
                    config.joinToken(), Duration.ofSeconds(config.slStartTimeoutSeconds()),
                    Duration.ofSeconds(config.stopGraceSeconds())));
            case DOCKER -> dockerManager(config, profile, profileFile.getParent(), dataDir, name, taskRunner);
        };
        if (manager instanceof AutoCloseable closeable)
            this.closeable = closeable;
        String configuredToken = config.joinToken();
        Path localToken = DataDirectories.root().resolve("sn").resolve("join-token");
        URI sn = URI.create("http://" + config.snHost() + ":" + config.snPort() + "/");
        TaskRunnerLoop started = new TaskRunnerLoop(new SwopSettings(uid, name, config.host(), taskRunner,
                Duration.ofMillis(config.pollMillis()), Duration.ofSeconds(config.heartbeatSeconds()),
                config.keepOnReset(), profile.nodes().size()), () -> {
                    String token = configuredToken.isBlank() ? readToken(localToken) : configuredToken;
                    return token == null ? null : new SnClient(sn, token, Duration.ofSeconds(60));
                }, manager);
        summary = "name " + name + ", profile " + profileFile + " (" + profile.nodes().size() + " node(s), "
                + profile.manager() + "), taskrunner " + taskRunner + ", SN " + sn;
        LOG.info("SWOP {} (uid {}) starting: {}", name, uid, summary);
        started.start();
        return started;
    }

    /**
     * The DOCKER manager on the engine the profile's {@code resourcemgr.accessinfo} names ({@code FROMENV}, the only
     * access type: DOCKER_HOST or the default socket, like the Docker CLI). Nothing is contacted here: every task
     * pings the engine first and fails with "docker not available: ..." where there is none.
     */
    private static ResourceManager dockerManager(SwopConfig config, Profile profile, Path profileDir, Path dataDir,
            String name, String taskRunner) {
        DockerEndpoint endpoint;
        try {
            endpoint = DockerEndpoint.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            return new UnavailableResourceManager("docker not available: " + e.getMessage());
        }
        LOG.info("SWOP: resource manager DOCKER on {}", endpoint.describe());
        return new DockerResourceManager(profile, new DockerSettings(name, taskRunner, config.slImage(),
                config.dockerHelperImage(), config.snHost(), config.snPort(), DockerSettings.currentUser(), profileDir,
                new SwopDirs(dataDir), Duration.ofSeconds(config.stopGraceSeconds())), DockerEngine.open(endpoint));
    }

    @Deactivate
    void deactivate() {
        if (loop != null)
            loop.close();
        AutoCloseable manager = closeable;
        if (manager != null) {
            try {
                manager.close();
            } catch (Exception e) {
                LOG.debug("SWOP: closing its resource manager: {}", e.toString());
            }
        }
        license.release();
    }

    /** A SWOP token while it runs; without a license client it runs all the same. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLicenses(LicenseLeases leases) {
        license.take(leases, uid);
    }

    void unbindLicenses(LicenseLeases gone) {
        license.release();
    }

    /** This SWOP's node uid. */
    public String uid() {
        return uid;
    }

    /** What keeps the SWOP from working now, or null. */
    public String problem() {
        return loop == null ? "idle: no valid profile (see karaf.log)" : loop.problem();
    }

    /** Its name, profile, taskrunner and SN, or {@code idle}. */
    public String summary() {
        return summary;
    }

    /** The task it runs or ran for the current assignment, or null. */
    public String currentTask() {
        return loop == null ? null : loop.currentTask();
    }

    private static String readToken(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
