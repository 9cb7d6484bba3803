package org.openswarm.sl.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.license.LicenseLeases;
import org.openswarm.api.merge.ModelMerger;
import org.openswarm.api.sn.NodeRequest;
import org.openswarm.api.sn.NodeType;
import org.openswarm.common.data.SecretFiles;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.http.RestServerOptions;
import org.openswarm.common.http.TokenGuard;
import org.openswarm.common.sn.SnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SL: its identity (uid and ML token, kept in its data directory so a restart is the same node), its
 * registration and heartbeats with its SN, the file server, the ML API and the current session. Free of OSGi, so
 * tests run it directly; {@link SwarmLearningNode} is the component around it.
 */
final class SlRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("swarm.startSL");
    private static final long POLL_MARGIN_MILLIS = 1500;

    private final SlConfig config;
    private final Path dataDir;
    private final Supplier<String> joinToken;
    private final Supplier<ModelMerger> merger;
    private final Supplier<LicenseLeases.Lease> lease;
    private final String uid;
    private final String mlToken;
    private final BlobStore store;
    private final RoundSettings settings;
    private final ScheduledExecutorService housekeeping;
    private final ExecutorService fetchPool;
    private final Set<String> supersededSessions = ConcurrentHashMap.newKeySet();

    private volatile SnClient sn;
    private volatile boolean registered;
    private volatile String registrationProblem = "not registered with the SN yet";
    private volatile Session session;
    private RestServer fileServer;
    private RestServer mlServer;
    private PeerFetcher fetcher;

    /**
     * @param joinToken the network join token, read again until there is one (a local SN makes it at its first start)
     * @param merger    the merge service, null while there is none
     * @param lease     the SL license lease; null from it where no license client runs
     */
    SlRuntime(SlConfig config, Path dataDir, Supplier<String> joinToken, Supplier<ModelMerger> merger,
            Supplier<LicenseLeases.Lease> lease) {
        this.config = config;
        this.dataDir = dataDir;
        this.joinToken = joinToken;
        this.merger = merger;
        this.lease = lease;
        this.uid = SecretFiles.readOrCreate(dataDir.resolve("node-uid"), () -> UUID.randomUUID().toString());
        this.mlToken = SecretFiles.readOrCreate(dataDir.resolve("ml-token"), SlRuntime::newToken);
        this.store = new BlobStore(dataDir, config.roundsKept());
        this.settings = RoundSettings.of(config);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "openswarm-sl-" + config.name()));
        this.fetchPool = Executors.newFixedThreadPool(config.fetchParallelism(),
                r -> daemon(r, "openswarm-sl-fetch-" + config.name()));
    }

    void start() {
        fetcher = new PeerFetcher(store, config.maxModelBytes(), Duration.ofSeconds(config.peerTimeoutSeconds()));
        fileServer = RestServer.start("sl-" + config.name() + "-files",
                new RestServerOptions(config.fileServerBindHost(), config.fileServerPort(), 1024 * 1024, 60_000, 32,
                        null),
                new FileServerRoutes(uid, store).routes());
        mlServer = RestServer.start("sl-" + config.name() + "-ml",
                new RestServerOptions("127.0.0.1", config.mlPort(), config.maxModelBytes(),
                        config.mlIdleTimeoutSeconds() * 1000L, 16, null),
                new MlApiRoutes(this).routes(new TokenGuard(() -> mlToken, TokenGuard.HEADER, "SL token")));
        writeMlEnv();
        housekeeping.execute(this::registerAndBeat);
        LOG.info("SL {} (uid {}) started: file server on port :{}, ML API on {}", config.name(), uid,
                fileServer.port(), mlUrl());
    }

    String name() {
        return config.name();
    }

    String uid() {
        return uid;
    }

    String mlToken() {
        return mlToken;
    }

    String mlUrl() {
        return "http://127.0.0.1:" + (mlServer == null ? config.mlPort() : mlServer.port());
    }

    int fileServerPort() {
        return fileServer == null ? config.fileServerPort() : fileServer.port();
    }

    Path mlEnvFile() {
        return dataDir.resolve("ml.env");
    }

    long maxPollMillis() {
        return Math.max(500, config.mlIdleTimeoutSeconds() * 1000L - POLL_MARGIN_MILLIS);
    }

    // -------------------------------------------------------------------------------------------------- sessions

    /** Opens a session for the ML program: validates, checks the license, enrolls; supersedes the previous one. */
    synchronized Session open(SessionParams.OpenRequest request) {
        SessionParams params = SessionParams.from(request, dataDir.resolve("models"));
        LicenseLeases.Lease license = lease.get();
        if (license != null && !license.permitsNewSessions())
            throw new SwarmException(ErrorCode.UNAVAILABLE, "No SL license token, and the grace period is over: "
                    + license.status());
        SnClient client = snOrFail();
        boolean resumed;
        try {
            ContractStatus status = client.contractStatus(params.contract());
            resumed = status.nodes().stream().anyMatch(n -> n.uid().equals(uid));
        } catch (SwarmException e) {
            if (e.code() == ErrorCode.NOT_FOUND)
                throw SwarmException.badRequest("Training contract '" + params.contract() + "' does not exist; "
                        + "create it first (SWCI: CREATE CONTRACT " + params.contract() + ")");
            throw e;
        }
        client.enroll(params.contract(), uid, params.contextHash(), params.minPeers(), config.makeMeAdmin());
        SwLog log = new SwLog(config.name(), params.modelDir(), params.program(), config.logLevel());
        String id = UUID.randomUUID().toString();
        RoundWork work = new RoundWork(uid, params, client, store, fetcher, this::mergerOrFail, settings, fetchPool,
                log);
        Session opened = new Session(id, uid, params, resumed, client, store, work, settings, config.maxModelBytes(),
                log);
        Session previous = session;
        session = opened;
        if (previous != null) {
            supersededSessions.add(previous.id());
            previous.supersede();
            previous.log().close();
        }
        log.info("Session " + id + " opened for " + params.program() + " on training contract " + params.contract()
                + (resumed ? " (resumed: this node had enrolled before)" : "") + "; syncFrequency "
                + params.syncFrequency() + ", minPeers " + params.minPeers() + ", mergeMethod "
                + params.mergeMethod().name().toLowerCase() + ", weight " + params.weight());
        return opened;
    }

    Session session(String id) {
        Session current = session;
        if (current != null && current.id().equals(id))
            return current;
        if (supersededSessions.contains(id))
            throw new SwarmException(ErrorCode.CONFLICT, "Session " + id + " was superseded by a newer session of "
                    + "this SL; open a new one");
        throw SwarmException.notFound("Unknown session " + id + " (the SL may have restarted): open a new session");
    }

    Session currentSession() {
        return session;
    }

    long currentRound(Session of) {
        return snOrFail().contract(of.params().contract()).currentRound();
    }

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", config.name());
        status.put("uid", uid);
        status.put("sn", "http://" + config.snHost() + ":" + config.snPort());
        status.put("registered", registered);
        if (!registered)
            status.put("registration", registrationProblem);
        status.put("fileServerPort", fileServerPort());
        status.put("mlUrl", mlUrl());
        LicenseLeases.Lease license = lease.get();
        if (license != null)
            status.put("license", license.status());
        Session current = session;
        status.put("session", current == null ? null : MlApiRoutes.sessionStatus(current));
        return status;
    }

    // ------------------------------------------------------------------------------------------ SN registration

    private SnClient snOrFail() {
        SnClient client = sn;
        if (client == null || !registered)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "SL " + config.name() + " is " + registrationProblem);
        return client;
    }

    private ModelMerger mergerOrFail() {
        ModelMerger current = merger.get();
        if (current == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "No merge engine is running (feature openswarm-merge)");
        return current;
    }

    /** Registers with the SN (retrying until it answers), then sends heartbeats. */
    private void registerAndBeat() {
        try {
            if (sn == null) {
                String token = joinToken.get();
                if (token == null || token.isBlank()) {
                    registrationProblem = "waiting for the network join token (config joinToken, or a local SN's "
                            + "data/openswarm/sn/join-token)";
                    reschedule(2);
                    return;
                }
                sn = new SnClient(URI.create("http://" + config.snHost() + ":" + config.snPort()), token,
                        Duration.ofSeconds(30));
            }
            if (!registered) {
                sn.register(new NodeRequest(uid, NodeType.SL, config.name(), config.fileServerHost(),
                        fileServerPort(), null));
                registered = true;
                LOG.info("SL {} registered with the SN at {} as {}", config.name(), sn.base(), uid);
            } else {
                sn.heartbeat(uid);
            }
            reschedule(config.heartbeatSeconds());
        } catch (SwarmException e) {
            if (e.code() == ErrorCode.NOT_FOUND)
                registered = false;
            if (!registered) {
                String problem = "not registered with the SN at " + config.snHost() + ":" + config.snPort() + ": "
                        + e.getMessage();
                if (!problem.equals(registrationProblem))
                    LOG.warn("SL {}: {}; retrying", config.name(), problem);
                registrationProblem = problem;
            } else {
                LOG.debug("SL {}: heartbeat failed: {}", config.name(), e.getMessage());
            }
            reschedule(registered ? config.heartbeatSeconds() : 2);
        } catch (RuntimeException e) {
            LOG.warn("SL {}: registration step failed: {}", config.name(), e.toString());
            reschedule(5);
        }
    }

    private void reschedule(long seconds) {
        if (!housekeeping.isShutdown())
            housekeeping.schedule(this::registerAndBeat, seconds, TimeUnit.SECONDS);
    }

    /** {@code SWARM_SL_URL} and {@code SWARM_SL_TOKEN} for ML programs started by hand, readable by the owner only. */
    private void writeMlEnv() {
        Path file = mlEnvFile();
        try {
            Path temp = dataDir.resolve("ml.env.tmp");
            Files.writeString(temp, "SWARM_SL_URL=" + mlUrl() + "\nSWARM_SL_TOKEN=" + mlToken + "\n");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // nothing more to restrict here
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        Session current = session;
        if (current != null) {
            current.close();
            current.log().close();
        }
        fetchPool.shutdownNow();
        if (mlServer != null)
            mlServer.close();
        if (fileServer != null)
            fileServer.close();
        try {
            Files.deleteIfExists(mlEnvFile());
        } catch (IOException ignored) {
            // a stale ml.env only points at a closed port
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
