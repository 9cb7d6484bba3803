package org.openswarm.merge.rocm;

import org.openswarm.api.merge.MergeEngine;
import org.openswarm.merge.kernel.GpuEngineRegistrar;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Registers the {@code rocm} merge engine if the library loads and a ROCm device answers; logs why not otherwise. */
@Component(immediate = true, configurationPid = RocmEngineConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RocmEngineConfig.class)
public final class RocmEngineComponent {
    private final GpuEngineRegistrar registrar;

    @Activate
    public RocmEngineComponent(BundleContext context, RocmEngineConfig config,
            @Reference(target = "(engine=java)") MergeEngine java) {
        registrar = new GpuEngineRegistrar(context, "rocm", "HIP", RocmBinding::new, config.ranking(), java);
    }

    @Deactivate
    void deactivate() {
        registrar.close();
    }
}
