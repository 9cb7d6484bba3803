package org.openswarm.merge.rocm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the ROCm merge engine, PID {@code org.openswarm.merge.rocm}. */
@ObjectClassDefinition(id = RocmEngineConfig.PID, name = "OpenSwarm ROCm merge engine",
        description = "The ROCm (HIP) merge engine and its rank for engine = auto.")
public @interface RocmEngineConfig {
    String PID = "org.openswarm.merge.rocm";

    @AttributeDefinition(name = "Ranking", description = "service.ranking for engine = auto. Default 50, below the "
            + "native CPU engine (100): the SPI's tensors live on the Java heap, so every GPU merge first copies its "
            + "inputs over PCIe, which is slower than a CPU merge at memory speed (docs/merge-engines.md §7).")
    int ranking() default 50;
}
