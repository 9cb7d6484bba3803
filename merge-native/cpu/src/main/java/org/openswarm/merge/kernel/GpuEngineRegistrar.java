package org.openswarm.merge.kernel;

import java.util.Hashtable;
import java.util.function.Supplier;
import org.openswarm.api.merge.MergeEngine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the CUDA and ROCm bundles do on activation: load the library, count devices, and register the engine only if
 * both work; otherwise log why in one line (no library for this platform, a missing runtime library, no device, the
 * driver's error code).
 */
public final class GpuEngineRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpuEngineRegistrar.class);

    /** The binding of one GPU bundle: load its library, count devices (negative: minus the error code), etc. */
    public interface Binding {
        void load();

        int deviceCount();

        String describe();

        GpuCalls calls();
    }

    private final ServiceRegistration<MergeEngine> registration;

    public GpuEngineRegistrar(BundleContext context, String name, String runtime, Supplier<Binding> binding,
            int ranking, MergeEngine fallback) {
        Binding b;
        try {
            b = binding.get();
            b.load();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.info("Merge engine {}: not available, library not loaded ({}); not registered", name, e.getMessage());
            registration = null;
            return;
        }
        int devices = b.deviceCount();
        if (devices <= 0) {
            LOG.info("Merge engine {}: not available, {}; not registered", name, b.describe());
            registration = null;
            return;
        }
        KernelEngine engine = new KernelEngine(name, new GpuKernels(runtime, b.calls()), fallback) { };
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("engine", name);
        props.put("service.ranking", ranking);
        registration = context.registerService(MergeEngine.class, engine, props);
        LOG.info("Merge engine {}: available on {}, service.ranking {}", name, b.describe(), ranking);
    }

    public boolean registered() {
        return registration != null;
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.unregister();
        }
    }
}
