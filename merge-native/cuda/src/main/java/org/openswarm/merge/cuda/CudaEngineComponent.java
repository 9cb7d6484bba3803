package org.openswarm.merge.cuda;

import org.openswarm.api.merge.MergeEngine;
import org.openswarm.merge.kernel.GpuEngineRegistrar;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Registers the {@code cuda} merge engine if the library loads and a CUDA device answers; logs why not otherwise. */
@Component(immediate = true, configurationPid = CudaEngineConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CudaEngineConfig.class)
public final class CudaEngineComponent {
    private final GpuEngineRegistrar registrar;

    @Activate
    public CudaEngineComponent(BundleContext context, CudaEngineConfig config,
            @Reference(target = "(engine=java)") MergeEngine java) {
        registrar = new GpuEngineRegistrar(context, "cuda", "CUDA", CudaBinding::new, config.ranking(), java);
    }

    @Deactivate
    void deactivate() {
        registrar.close();
    }
}
