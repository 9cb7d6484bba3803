package org.openswarm.sl.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;
import org.openswarm.api.merge.ModelMerger;
import org.openswarm.common.data.DataDirectories;
import org.openswarm.common.license.HeldLease;
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
 * The SL component: one instance per factory configuration {@code org.openswarm.sl~<name>}. A configuration change
 * restarts the SL (DS deactivates and activates it again); its uid and token survive in its data directory.
 */
@Component(configurationPid = SlConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = SlInstance.class)
@Designate(ocd = SlConfig.class, factory = true)
public final class SwarmLearningNode implements SlInstance {
    private static final Logger LOG = LoggerFactory.getLogger(SwarmLearningNode.class);

    private final SlRuntime runtime;
    private volatile ModelMerger merger;
    private final HeldLease license = new HeldLease(Feature.SL);

    @Activate
    public SwarmLearningNode(SlConfig config) {
        Path dataDir = config.dataDir().isBlank() ? DataDirectories.forComponent("sl").resolve(config.name())
                : DataDirectories.resolve(config.dataDir(), "sl");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the SL data directory " + dataDir, e);
        }
        String configuredToken = config.joinToken();
        Path localToken = DataDirectories.root().resolve("sn").resolve("join-token");
        runtime = new SlRuntime(config, dataDir, () -> configuredToken.isBlank() ? readToken(localToken)
                : configuredToken, () -> merger, license);
        try {
            runtime.start();
        } catch (RuntimeException e) {
            runtime.close();
            LOG.error("SL {} could not start: {}", config.name(), e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        runtime.close();
        license.release();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMerger(ModelMerger bound) {
        merger = bound;
    }

    void unbindMerger(ModelMerger gone) {
        if (merger == gone)
            merger = null;
    }

    /** The SL leases an SL token while it runs; without a license client it runs all the same. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLicenses(LicenseLeases leases) {
        license.take(leases, runtime.uid());
    }

    void unbindLicenses(LicenseLeases gone) {
        license.release();
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public String uid() {
        return runtime.uid();
    }

    @Override
    public String mlUrl() {
        return runtime.mlUrl();
    }

    @Override
    public String mlToken() {
        return runtime.mlToken();
    }

    @Override
    public Map<String, Object> status() {
        return runtime.status();
    }

    private static String readToken(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
