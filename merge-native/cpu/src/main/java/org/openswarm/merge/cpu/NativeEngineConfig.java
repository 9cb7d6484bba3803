package org.openswarm.merge.cpu;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the native CPU merge engine, PID {@code org.openswarm.merge.native}. */
@ObjectClassDefinition(id = NativeEngineConfig.PID, name = "OpenSwarm native merge engine",
        description = "The C++ (OpenMP, SIMD) merge engine and its rank for engine = auto.")
public @interface NativeEngineConfig {
    String PID = "org.openswarm.merge.native";

    @AttributeDefinition(name = "Threads", description = "OpenMP threads per merge; 0 means one per processor.",
            min = "0")
    int threads() default 0;

    @AttributeDefinition(name = "Ranking", description = "service.ranking of the engine: engine = auto picks the "
            + "highest (java is 0, cuda and rocm default to 50).")
    int ranking() default 100;
}
