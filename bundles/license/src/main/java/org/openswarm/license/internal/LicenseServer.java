package org.openswarm.license.internal;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.LicenseInfo;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.api.license.Token;
import org.openswarm.api.license.Usage;
import org.openswarm.common.data.DataDirectories;
import org.openswarm.common.data.SecretFiles;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.http.RestServerOptions;
import org.openswarm.common.http.TokenGuard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The license server: the REST API on 5814 over a {@link LicenseStore}. Binds on activation, rebinds only when the
 * configuration changes what it serves, and frees its port on deactivation. A port that cannot be bound is logged in
 * one line and the next configuration change tries again.
 */
@Component(configurationPid = LicenseServerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = LicenseAdmin.class)
@Designate(ocd = LicenseServerConfig.class)
public final class LicenseServer implements LicenseAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(LicenseServer.class);
    static final String SERVER_NAME = "license";
    static final String COMPONENT = "license";
    static final String ADMIN_TOKEN_FILE = "admin-token";
    static final String KEYS_DIR = "license-keys";

    /** What the configuration decides; the server restarts only when {@code options} change. */
    record Settings(RestServerOptions options, int ttlSeconds, Path trustedKeysDir, Path dataDir) {
        static Settings from(LicenseServerConfig config) {
            RestServerOptions options = new RestServerOptions(config.host(), config.port(), config.maxRequestBytes(),
                    RestServerOptions.DEFAULT_IDLE_TIMEOUT_MILLIS, config.maxThreads(), null);
            return new Settings(options, config.tokenTtlSeconds(), keysDir(config.trustedKeysDir()),
                    DataDirectories.resolve(config.dataDir(), COMPONENT));
        }
    }

    private final Clock clock;
    private volatile Settings settings;
    private volatile LicenseStore store;
    private volatile String adminToken;
    private volatile RestServer server;

    @Activate
    public LicenseServer(LicenseServerConfig config) {
        this(config, Clock.systemUTC());
    }

    LicenseServer(LicenseServerConfig config, Clock clock) {
        this.clock = clock;
        Settings first = Settings.from(config);
        openStore(first);
        apply(first);
    }

    @Modified
    void modified(LicenseServerConfig config) {
        Settings next = Settings.from(config);
        Settings previous = settings;
        boolean newStore = !next.dataDir().equals(previous.dataDir());
        if (newStore)
            openStore(next);
        else
            store.setTtlSeconds(next.ttlSeconds());
        if (!newStore && next.options().equals(previous.options()) && server != null) {
            settings = next;
            LOG.debug("License server configuration updated without changes to the REST server");
            return;
        }
        stopServer();
        apply(next);
    }

    /** Stops the server and frees its port (public for the command tests). */
    @Deactivate
    public void deactivate() {
        stopServer();
    }

    private synchronized void openStore(Settings next) {
        settings = next; // the store reads the trusted keys directory from here while it loads
        adminToken = SecretFiles.readOrCreate(next.dataDir().resolve(ADMIN_TOKEN_FILE), LicenseServer::newToken);
        store = new LicenseStore(next.dataDir(), this::trustedKeys, clock, next.ttlSeconds());
    }

    private Map<String, PublicKey> trustedKeys() {
        Path dir = settings.trustedKeysDir();
        Map<String, PublicKey> keys = LicenseSigning.readTrustedKeys(dir, LOG::warn);
        if (keys.isEmpty())
            LOG.debug("No trusted license keys in {}", dir);
        return keys;
    }

    private synchronized void apply(Settings next) {
        settings = next;
        TokenGuard admin = new TokenGuard(() -> adminToken, LicenseRoutes.ADMIN_HEADER, "license server's admin token");
        try {
            RestServer started = RestServer.start(SERVER_NAME, next.options(), LicenseRoutes.of(store, admin));
            server = started;
            LOG.info("License server listening on port :{}", started.port());
            LOG.info("License server trusts the keys in {}; admin token in {}; tokens last {} s",
                    next.trustedKeysDir(), next.dataDir().resolve(ADMIN_TOKEN_FILE), next.ttlSeconds());
        } catch (SwarmException e) {
            if (e.code() != ErrorCode.UNAVAILABLE)
                throw e;
            LOG.error("{}. The license server is down until the port is free and etc/{}.cfg changes (port, host); "
                    + "components keep running within their grace period.", e.getMessage(), LicenseServerConfig.PID);
        }
    }

    private synchronized void stopServer() {
        RestServer running = server;
        server = null;
        if (running != null) {
            running.close();
            LOG.info("License server on port :{} stopped", running.port());
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static Path keysDir(String configured) {
        if (configured != null && !configured.isBlank())
            return Path.of(configured).toAbsolutePath().normalize();
        String etc = System.getProperty("karaf.etc");
        return (etc != null && !etc.isBlank() ? Path.of(etc) : Path.of("etc")).resolve(KEYS_DIR).toAbsolutePath()
                .normalize();
    }

    String adminToken() {
        return adminToken;
    }

    LicenseStore store() {
        return store;
    }

    @Override
    public int port() {
        RestServer running = server;
        return running == null ? -1 : running.port();
    }

    @Override
    public List<LicenseInfo> licenses() {
        return store.licenses();
    }

    @Override
    public LicenseInfo install(SignedLicense license) {
        return store.install(license).license();
    }

    @Override
    public void remove(String id) {
        store.remove(id);
    }

    @Override
    public List<Usage> usage() {
        return store.usage();
    }

    @Override
    public List<Token> tokens() {
        return store.tokens();
    }

    @Override
    public Path trustedKeysDir() {
        return settings.trustedKeysDir();
    }

    @Override
    public Path adminTokenFile() {
        return settings.dataDir().resolve(ADMIN_TOKEN_FILE);
    }
}
