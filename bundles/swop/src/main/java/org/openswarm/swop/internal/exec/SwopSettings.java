package org.openswarm.swop.internal.exec;

import java.time.Duration;

/**
 * What the taskrunner loop needs from the SWOP's configuration.
 *
 * @param uid          this SWOP's node uid (kept in its data directory)
 * @param name         its name in LIST NODES
 * @param host         the address it registers
 * @param taskRunner   the taskrunner it listens on
 * @param poll         how often it reads the taskrunner
 * @param heartbeat    how often it tells its SN it is alive
 * @param keepOnReset  RESET stops processes but keeps SL instances and run directories (reference
 *                     {@code SWOP_KEEP_CONTAINERS})
 * @param slNodes      the SL/ML pairs its profile runs for a RUN_SWARM task: what it claims of a {@code WITH n PEERS}
 *                     quorum, which counts pairs for RUN_SWARM (reference §3.5); other tasks claim 1
 */
public record SwopSettings(String uid, String name, String host, String taskRunner, Duration poll,
        Duration heartbeat, boolean keepOnReset, int slNodes) {
}
