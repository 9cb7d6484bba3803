package org.openswarm.merge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of model merging, PID {@code org.openswarm.merge}. */
@ObjectClassDefinition(id = MergeConfig.PID, name = "OpenSwarm merge",
        description = "Which merge engine merges models and how many threads the Java engine uses.")
public @interface MergeConfig {
    String PID = "org.openswarm.merge";

    @AttributeDefinition(name = "Engine", description = "auto picks the registered engine with the highest "
            + "service.ranking and falls back to java; a named engine that is not registered also falls back to java.",
            options = {@Option(value = "auto"), @Option(value = "java"), @Option(value = "native"),
                @Option(value = "cuda"), @Option(value = "rocm")})
    String engine() default "auto";

    @AttributeDefinition(name = "Threads", description = "Threads of the Java engine; 0 means one per available "
            + "processor.", min = "0")
    int threads() default 0;

    @AttributeDefinition(name = "Chunk (elements)", description = "Coordinates merged at a time per participant by "
            + "the coordinate-wise methods: memory is about inputs x chunk x 4 bytes (GEOMEDIAN needs whole tensors).",
            min = "4096")
    int chunkElements() default 4 * 1024 * 1024;
}
