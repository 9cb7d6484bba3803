package org.openswarm.swop.internal.process;

import java.time.Duration;
import java.util.Map;

/** Starts and removes SL instances in the local Karaf (the process manager's SL side). */
public interface SlInstances {

    /** How an ML program reaches its SL: {@code SWARM_SL_URL} and {@code SWARM_SL_TOKEN} from the SL's ml.env. */
    record SlEndpoint(String name, String url, String token) {
    }

    /**
     * Creates (or updates) the SL named {@code name} with {@code properties} (keys of the SL's configuration,
     * {@code org.openswarm.sl}) and waits until it wrote its {@code ml.env}.
     *
     * @throws IllegalStateException naming the SL and what to check when it does not come up in time
     */
    SlEndpoint start(String name, Map<String, Object> properties, java.nio.file.Path dataDir, Duration timeout)
            throws InterruptedException;

    /** Removes the SL named {@code name}'s configuration, which stops it; nothing when there is none. */
    void remove(String name);
}
