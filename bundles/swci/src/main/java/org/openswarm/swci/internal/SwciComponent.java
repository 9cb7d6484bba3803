package org.openswarm.swci.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;
import org.openswarm.common.data.DataDirectories;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.license.HeldLease;
import org.openswarm.swci.internal.exec.SwciSession;
import org.openswarm.swci.internal.web.SwciWebApi;
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
 * The SWCI of this Karaf: one {@link SwciSession} (contexts kept in its state directory), the web API on 30306 over
 * it, and a SWCI license token leased while it runs. Runs with the defaults when {@code etc/org.openswarm.swci.cfg}
 * is absent; a configuration change restarts it (its contexts survive in the state directory).
 */
@Component(configurationPid = SwciConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = SwciService.class)
@Designate(ocd = SwciConfig.class)
public final class SwciComponent implements SwciService {
    private static final Logger LOG = LoggerFactory.getLogger(SwciComponent.class);

    private final SwciSession session;
    private final String uid;
    private final RestServer web;
    private final HeldLease license = new HeldLease(Feature.SWCI);

    @Activate
    public SwciComponent(SwciConfig config) {
        Path stateDir = config.stateDir().isBlank() ? DataDirectories.forComponent("swci")
                : DataDirectories.resolve(config.stateDir(), "swci");
        uid = SwciUid.of(stateDir);
        session = SwciSession.withTokenSource(stateDir, workingDirectory(stateDir), joinToken(config.joinToken()))
                .defaultSn(snBase(config.snHost(), config.snPort()));
        if (config.maxWaitMinutes() > 0)
            session.maxWait(Duration.ofMinutes(config.maxWaitMinutes()));
        web = config.webEnabled() ? startWeb(config, session, stateDir) : null;
    }

    /** The web API; a port in use must not keep the shell commands from working, so it only logs. */
    private static RestServer startWeb(SwciConfig config, SwciSession session, Path stateDir) {
        try {
            RestServer server = SwciWebApi.start(config.webBindHost(), config.webPort(), config.maxUploadBytes(),
                    session, stateDir.resolve("uploads"));
            LOG.info("SWCI web API on {}", server.uri());
            return server;
        } catch (SwarmException e) {
            LOG.error("SWCI web API not started: {}", e.getMessage());
            return null;
        }
    }

    /** Uploaded task files land in {@code <state>/uploads}, which is where CREATE TASK FROM looks first. */
    private static Path workingDirectory(Path stateDir) {
        Path uploads = stateDir.resolve("uploads");
        try {
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the SWCI upload directory " + uploads, e);
        }
        return uploads;
    }

    /** The configured token, else the local SN's token file (as the SL does), read on every call. */
    static Supplier<String> joinToken(String configured) {
        if (!configured.isBlank())
            return () -> configured;
        Path file = DataDirectories.root().resolve("sn").resolve("join-token");
        return () -> readToken(file);
    }

    static URI snBase(String host, int port) {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }

    private static String readToken(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Deactivate
    void deactivate() {
        if (web != null)
            web.close();
        license.release();
    }

    /**
     * The SWCI leases a SWCI token while it runs, like the SN and SL; the community license has no limit on SWCI
     * tokens, and a SWCI without one (no license client, server unreachable) works all the same (design §10).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLicenses(LicenseLeases leases) {
        license.take(leases, uid);
    }

    void unbindLicenses(LicenseLeases gone) {
        license.release();
    }

    @Override
    public SwciSession session() {
        return session;
    }

    @Override
    public Optional<String> webApi() {
        return web == null ? Optional.empty() : Optional.of(web.uri().toString());
    }

    @Override
    public String licenseStatus() {
        return license.status("no license client");
    }
}
