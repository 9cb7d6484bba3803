package org.openswarm.license.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The license client of this box: hands out leases that run on one scheduler thread. A configuration change restarts
 * the component; leases are closed (tokens released) on deactivation and taken again by their components.
 */
@Component(configurationPid = LicenseClientConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = LicenseLeases.class)
@Designate(ocd = LicenseClientConfig.class)
public final class LicenseClient implements LicenseLeases {
    private final LicenseServerApi server;
    private final LicenseClientConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "openswarm-license-client");
        thread.setDaemon(true);
        return thread;
    });
    private final List<TokenLease> leases = new CopyOnWriteArrayList<>();

    @Activate
    public LicenseClient(LicenseClientConfig config) {
        this(config, Clock.systemUTC());
    }

    LicenseClient(LicenseClientConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.server = new LicenseServerApi(config.host(), config.port());
    }

    @Override
    public Lease lease(Feature feature, String holder) {
        TokenLease lease = new TokenLease(server, feature, holder, scheduler, clock,
                Duration.ofSeconds(config.graceSeconds()), Duration.ofSeconds(config.retryMinSeconds()),
                Duration.ofSeconds(config.retryMaxSeconds()));
        leases.add(lease);
        return lease;
    }

    @Deactivate
    void deactivate() {
        leases.forEach(TokenLease::close);
        leases.clear();
        scheduler.shutdownNow();
    }
}
