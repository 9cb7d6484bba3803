package org.openswarm.swop.internal.docker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts and cleans up the containers of RUN_SWARM pairs on one engine: network first, then the SL, then its ML;
 * RESET TASKRUNNER removes every container this SWOP labelled for the taskrunner (unless SWOP_KEEP_CONTAINERS).
 */
public final class DockerPairLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(DockerPairLauncher.class);
    // Docker's own networks need no creation (and must not be created).
    private static final Set<String> BUILT_IN_NETWORKS = Set.of("bridge", "host", "none", "default");

    private final DockerEngine engine;

    /** The ids of a started pair. */
    public record StartedPair(String slName, String slId, String mlName, String mlId) {
    }

    public DockerPairLauncher(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Creates and starts the SL, then the ML. If the ML cannot be created or started, the SL is removed again so
     * no half pair is left running.
     */
    public StartedPair start(DockerNodePlan plan, Map<String, String> networkLabels) {
        String network = plan.sl().networkMode();
        if (!BUILT_IN_NETWORKS.contains(network)) {
            engine.ensureNetwork(network, networkLabels);
        }
        String slId = engine.createContainer(plan.sl());
        try {
            engine.startContainer(slId);
            String mlId = engine.createContainer(plan.ml());
            try {
                engine.startContainer(mlId);
            } catch (RuntimeException e) {
                engine.removeContainer(mlId, true);
                throw e;
            }
            LOG.info("Started SL {} and ML {}", plan.sl().name(), plan.ml().name());
            return new StartedPair(plan.sl().name(), slId, plan.ml().name(), mlId);
        } catch (RuntimeException e) {
            LOG.warn("Removing SL {} after a failed start: {}", plan.sl().name(), e.getMessage());
            engine.removeContainer(slId, true);
            throw e;
        }
    }

    /** Waits for the ML program to exit; its exit code, or null when {@code timeout} passed. */
    public Integer awaitMl(StartedPair pair, Duration timeout) {
        return engine.waitContainer(pair.mlId(), timeout);
    }

    /**
     * RESET TASKRUNNER: stops and removes every container this SWOP started for {@code taskrunner}; with
     * {@code keep} (SWOP_KEEP_CONTAINERS) only lists them. Returns the names acted on.
     */
    public List<String> reset(String swop, String taskrunner, boolean keep, int graceSeconds) {
        List<String> names = new ArrayList<>();
        for (DockerEngine.ContainerSummary c : engine.listByLabels(TaskLabels.resetFilter(swop, taskrunner))) {
            names.add(c.name());
            if (keep) {
                LOG.info("Keeping container {} (SWOP_KEEP_CONTAINERS)", c.name());
                continue;
            }
            if ("running".equals(c.state())) {
                engine.stopContainer(c.id(), graceSeconds);
            }
            engine.removeContainer(c.id(), true);
        }
        return names;
    }
}
