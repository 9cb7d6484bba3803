package org.openswarm.sn.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.LedgerInfo;
import org.openswarm.api.ledger.NetworkAdmin;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;
import org.openswarm.api.ledger.NodeRegistration;
import org.openswarm.api.sn.NodeType;
import org.openswarm.api.sn.NodeView;
import org.openswarm.api.sn.SnStatus;
import org.openswarm.api.sn.SwarmNetworkNode;
import org.openswarm.api.sn.VersionInfo;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.data.DataDirectories;
import org.openswarm.common.http.RestServerOptions;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TlsOptions;
import org.openswarm.common.http.TokenGuard;
import org.openswarm.common.license.HeldLease;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SN: its REST API server and its presence on the ledger. The server binds on activation, rebinds only when the
 * configuration changes what it serves, and frees its port on deactivation (feature uninstall, bundle stop). While
 * a {@link Ledger} is there, the SN registers itself and runs its I-am-Alive thread; without one, the ledger routes
 * answer 503 and readiness ({@code /is_up}) still answers.
 */
@Component(configurationPid = SnConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = SwarmNetworkNode.class)
@Designate(ocd = SnConfig.class)
public final class SwarmApiServer implements SwarmNetworkNode {
    private static final Logger LOG = LoggerFactory.getLogger(SwarmApiServer.class);
    static final String SERVER_NAME = "sn-api";

    private final VersionInfo version;
    private final SnIdentity identity;
    private volatile Settings settings;
    private volatile RestServer server;
    private volatile Ledger ledger;
    private volatile NodePresence presence;
    private volatile NetworkAdmin networkAdmin;
    private volatile LedgerRelay relay;
    private final HeldLease license = new HeldLease(Feature.SN);

    /** What the configuration decides, compared as a whole so a no-op change keeps the server running. */
    record Settings(RestServerOptions options, int ledgerPort, boolean sentinel, String name, String advertisedHost,
            Duration heartbeat, int missedHeartbeats) {
        static Settings from(SnConfig config) {
            RestServerOptions options = new RestServerOptions(config.host(), config.apiPort(),
                    config.maxRequestBytes(), RestServerOptions.DEFAULT_IDLE_TIMEOUT_MILLIS, config.maxThreads(),
                    config.tlsEnabled() ? new TlsOptions(config.tlsKeystore(), config.tlsKeystorePassword(),
                            config.tlsTruststore(), config.tlsTruststorePassword(), config.tlsNeedClientAuth())
                            : null);
            String advertised = !config.advertisedHost().isBlank() ? config.advertisedHost()
                    : "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? "127.0.0.1" : config.host();
            return new Settings(options, config.ledgerPort(), config.sentinel(), config.name(), advertised,
                    Duration.ofSeconds(config.heartbeatSeconds()), config.missedHeartbeats());
        }

        Liveness liveness() {
            return new Liveness(heartbeat, missedHeartbeats, Clock.systemUTC());
        }
    }

    @Activate
    public SwarmApiServer(BundleContext context, SnConfig config) {
        this(productVersion(context), config);
    }

    SwarmApiServer(String productVersion, SnConfig config) {
        this.version = new VersionInfo(VersionInfo.PRODUCT, "SN", productVersion, VersionInfo.API_VERSION);
        this.identity = SnIdentity.load(DataDirectories.forComponent("sn"), config.sentinel(), config.joinToken());
        if (identity.joinToken() == null)
            LOG.warn("No joinToken in etc/{}.cfg: every route but /is_up and /version refuses requests", SnConfig.PID);
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
        startPresence();
        startRelay();
    }

    @Deactivate
    void deactivate() {
        license.release();
        stopRelay();
        stopPresence();
        stopServer();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLedger(Ledger bound) {
        ledger = bound;
        startPresence();
    }

    void unbindLedger(Ledger gone) {
        if (ledger == gone) {
            stopPresence();
            ledger = null;
        }
    }

    /** The SN leases an SN token while it runs; without a license client it runs all the same. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLicenses(LicenseLeases leases) {
        license.take(leases, identity.uid());
    }

    void unbindLicenses(LicenseLeases gone) {
        license.release();
    }

    @Override
    public String licenseStatus() {
        return license.status("no license client (feature:install openswarm-sn brings it)");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindNetworkAdmin(NetworkAdmin bound) {
        networkAdmin = bound;
        startRelay();
    }

    void unbindNetworkAdmin(NetworkAdmin gone) {
        if (networkAdmin == gone) {
            stopRelay();
            networkAdmin = null;
        }
    }

    /** The ledger port, served while this box runs the chain (the sentinel's NetworkAdmin is there). */
    private synchronized void startRelay() {
        stopRelay();
        NetworkAdmin admin = networkAdmin;
        if (admin == null || !settings.sentinel())
            return;
        RestServerOptions api = settings.options();
        RestServerOptions options = new RestServerOptions(api.host(), settings.ledgerPort(), api.maxRequestBytes(),
                api.idleTimeoutMillis(), api.maxThreads(), api.tls());
        try {
            relay = new LedgerRelay(admin.chainRpcUrl(), options, new TokenGuard(identity::joinToken));
            LOG.info("Ledger relay for joining SNs on port :{}", relay.port());
        } catch (SwarmException e) {
            LOG.error("{}. Joining SNs cannot reach the ledger until ledgerPort in etc/{}.cfg is free.",
                    e.getMessage(), SnConfig.PID);
        }
    }

    private synchronized void stopRelay() {
        LedgerRelay running = relay;
        relay = null;
        if (running != null)
            running.close();
    }

    /** The relay's bound port, or -1 while it is not serving. */
    int relayPort() {
        LedgerRelay running = relay;
        return running == null ? -1 : running.port();
    }

    /** (Re)starts registration and heartbeats once both the ledger and a bound port are there. */
    private synchronized void startPresence() {
        stopPresence();
        Ledger current = ledger;
        RestServer running = server;
        if (current == null || running == null)
            return;
        Settings now = settings;
        NodeRegistration self = new NodeRegistration(identity.uid(), nodeType(), now.name(), now.advertisedHost(),
                running.port(), null, null, current.info().account());
        NodePresence started = new NodePresence(current, self, now.heartbeat(), Clock.systemUTC());
        presence = started;
        started.start();
    }

    private synchronized void stopPresence() {
        NodePresence running = presence;
        presence = null;
        if (running != null)
            running.close();
    }

    private Routes routes(Settings next) {
        Routes routes = SnApiRoutes.of(this);
        TokenGuard guard = new TokenGuard(identity::joinToken);
        SnJoinRoutes.addTo(routes, guard, () -> networkAdmin, this::relayPort);
        new SnContractRoutes(() -> ledger).addTo(routes, guard);
        new SnRoundRoutes(() -> ledger).addTo(routes, guard);
        return new SnLedgerRoutes(() -> ledger, () -> presence, identity.uid(), next.liveness()).addTo(routes, guard);
    }

    @Override
    public String uid() {
        return identity.uid();
    }

    @Override
    public List<NodeView> nodes() {
        Ledger current = ledger;
        if (current == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The ledger is not ready yet; the log says why");
        Liveness liveness = settings.liveness();
        return current.nodes().stream().map(liveness::view).toList();
    }

    @Override
    public Optional<LedgerInfo> ledger() {
        Ledger current = ledger;
        return current == null ? Optional.empty() : Optional.of(current.info());
    }

    /**
     * Starts the server for these settings. A port that cannot be bound is an operator's problem, not a bug: it is
     * logged in one line and the next configuration change tries again, without restarting the bundle.
     */
    private synchronized void apply(Settings next) {
        settings = next;
        try {
            RestServer started = RestServer.start(SERVER_NAME, next.options(), routes(next));
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
            int port = running.port();
            running.close();
            LOG.info("SWARM-API-SERVER on port :{} stopped", port);
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
