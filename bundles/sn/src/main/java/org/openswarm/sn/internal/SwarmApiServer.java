package org.openswarm.sn.internal;

import java.util.Objects;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.sn.NodeType;
import org.openswarm.api.sn.SnStatus;
import org.openswarm.api.sn.SwarmNetworkNode;
import org.openswarm.api.sn.VersionInfo;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.http.RestServerOptions;
import org.openswarm.common.http.TlsOptions;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SN's REST API server. Binds on activation, rebinds only when the configuration changes what it serves, and
 * frees its port on deactivation (feature uninstall, bundle stop).
 */
@Component(configurationPid = SnConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = SwarmNetworkNode.class)
@Designate(ocd = SnConfig.class)
public final class SwarmApiServer implements SwarmNetworkNode {
    private static final Logger LOG = LoggerFactory.getLogger(SwarmApiServer.class);
    static final String SERVER_NAME = "sn-api";

    private final VersionInfo version;
    private volatile Settings settings;
    private volatile RestServer server;

    /** What the configuration decides, compared as a whole so a no-op change keeps the server running. */
    record Settings(RestServerOptions options, boolean sentinel) {
        static Settings from(SnConfig config) {
            RestServerOptions options = new RestServerOptions(config.host(), config.apiPort(),
                    config.maxRequestBytes(), RestServerOptions.DEFAULT_IDLE_TIMEOUT_MILLIS, config.maxThreads(),
                    config.tlsEnabled() ? new TlsOptions(config.tlsKeystore(), config.tlsKeystorePassword(),
                            config.tlsTruststore(), config.tlsTruststorePassword(), config.tlsNeedClientAuth())
                            : null);
            return new Settings(options, config.sentinel());
        }
    }

    @Activate
    public SwarmApiServer(BundleContext context, SnConfig config) {
        this(productVersion(context), config);
    }

    SwarmApiServer(String productVersion, SnConfig config) {
        this.version = new VersionInfo(VersionInfo.PRODUCT, "SN", productVersion, VersionInfo.API_VERSION);
        apply(Settings.from(config));
    }

    @Modified
    void modified(SnConfig config) {
        Settings next = Settings.from(config);
        if (next.equals(settings) && server != null) {
            LOG.debug("SN configuration updated without changes to the API server");
            return;
        }
        stopServer();
        apply(next);
    }

    @Deactivate
    void deactivate() {
        stopServer();
    }

    /**
     * Starts the server for these settings. A port that cannot be bound is an operator's problem, not a bug: it is
     * logged in one line and the next configuration change tries again, without restarting the bundle.
     */
    private synchronized void apply(Settings next) {
        settings = next;
        try {
            RestServer started = RestServer.start(SERVER_NAME, next.options(), SnApiRoutes.of(this));
            server = started;
            LOG.info("Starting SWARM-API-SERVER on port :{}", started.port());
            LOG.info("SN API serving {} as {} ({}://{}:{})", version.version(), nodeType(),
                    next.options().scheme(), next.options().host(), started.port());
        } catch (SwarmException e) {
            if (e.code() != ErrorCode.UNAVAILABLE)
                throw e;
            LOG.error("{}. The SN API is down until the port is free and etc/{}.cfg changes (apiPort, host).",
                    e.getMessage(), SnConfig.PID);
        }
    }

    private synchronized void stopServer() {
        RestServer running = server;
        server = null;
        if (running != null) {
            running.close();
            LOG.info("SWARM-API-SERVER on port :{} stopped", running.port());
        }
    }

    private NodeType nodeType() {
        return settings.sentinel() ? NodeType.SENTINEL : NodeType.SN;
    }

    /** The port the API is bound to, or -1 while it is not serving. */
    int boundPort() {
        RestServer running = server;
        return running == null ? -1 : running.port();
    }

    @Override
    public SnStatus status() {
        return new SnStatus(SnStatus.UP, nodeType(), settings.options().host(), boundPort());
    }

    @Override
    public VersionInfo version() {
        return version;
    }

    private static String productVersion(BundleContext context) {
        String declared = context.getBundle().getHeaders().get("OpenSwarm-Version");
        return Objects.requireNonNullElse(declared, context.getBundle().getVersion().toString());
    }
}
