package org.openswarm.merge.cpu;

import java.util.Hashtable;
import org.openswarm.api.merge.MergeEngine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code native} {@link MergeEngine} only if its library loads on this machine, so {@code auto} never
 * picks an engine that cannot run; either way it logs one line saying which and why.
 */
@Component(immediate = true, configurationPid = NativeEngineConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NativeEngineConfig.class)
public final class NativeEngineRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(NativeEngineRegistrar.class);

    private ServiceRegistration<MergeEngine> registration;

    @Activate
    public NativeEngineRegistrar(BundleContext context, NativeEngineConfig config,
            @Reference(target = "(engine=java)") MergeEngine java) {
        NativeMergeEngine engine;
        try {
            engine = new NativeMergeEngine(config.threads(), java);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.warn("Merge engine native: not available ({}); not registered", e.getMessage());
            return;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("engine", NativeMergeEngine.NAME);
        props.put("service.ranking", config.ranking());
        registration = context.registerService(MergeEngine.class, engine, props);
        LOG.info("Merge engine native: available, {} OpenMP threads, {} code, service.ranking {}", engine.threads(),
                NativeMergeEngine.isa(), config.ranking());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }
}
