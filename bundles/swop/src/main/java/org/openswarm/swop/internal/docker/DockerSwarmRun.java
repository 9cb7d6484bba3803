package org.openswarm.swop.internal.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.openswarm.swop.internal.exec.PeerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RUN_SWARM in docker mode: starts every node's SL/ML pair (all mapping problems were raised before), then waits for
 * every ML container. COMPLETE when all exit 0; the first that exits otherwise ends the run: every container of the
 * task is stopped and the peer status is ERROR with the container's name, its exit code and its last log line. The
 * SL containers keep running after a complete run, as other SWOPs' SLs may still fetch from them; RESET (release)
 * stops and removes them.
 */
final class DockerSwarmRun {
    private static final Logger LOG = LoggerFactory.getLogger(DockerSwarmRun.class);
    private static final int LOG_LINES = 20;
    // An ML program may train for days; RESET interrupts the wait.
    private static final Duration NO_LIMIT = Duration.ofDays(365);

    private final DockerEngine engine;
    private final DockerSettings settings;

    private record Exit(DockerPairLauncher.StartedPair pair, int node, Integer code) {
    }

    DockerSwarmRun(DockerEngine engine, DockerSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    PeerResult execute(String task, List<SwarmNodeRequest> nodes) throws InterruptedException {
        DockerPairLauncher launcher = new DockerPairLauncher(engine);
        List<DockerPairLauncher.StartedPair> started = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (SwarmNodeRequest node : nodes) {
            if (Thread.interrupted()) {
                stop(started);
                throw new InterruptedException();
            }
            try {
                started.add(launcher.start(SwarmPairPlanner.plan(node), Map.of(TaskLabels.SWOP, settings.swop())));
                indexes.add(node.nodeIdx());
            } catch (RuntimeException e) {
                stop(started);
                return PeerResult.error("RUN_SWARM " + task + " node " + node.nodeIdx() + ": " + e.getMessage());
            }
        }
        LOG.info("SWOP: {} started {} SL/ML pair(s): {}", task, started.size(),
                started.stream().map(DockerPairLauncher.StartedPair::mlName).toList());
        ExecutorService waits = Executors.newFixedThreadPool(started.size(), r -> {
            Thread t = new Thread(r, "swop-docker-wait");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Exit> exits = new ExecutorCompletionService<>(waits);
        try {
            for (int i = 0; i < started.size(); i++) {
                DockerPairLauncher.StartedPair pair = started.get(i);
                int node = indexes.get(i);
                exits.submit(() -> new Exit(pair, node, launcher.awaitMl(pair, NO_LIMIT)));
            }
            for (int i = 0; i < started.size(); i++) {
                Exit exit;
                try {
                    exit = exits.take().get();
                } catch (ExecutionException e) {
                    stop(started);
                    return PeerResult.error("RUN_SWARM " + task + ": " + e.getCause().getMessage());
                }
                if (exit.code() == null || exit.code() != 0) {
                    PeerResult failed = failure(task, exit);
                    stop(started);
                    return failed;
                }
            }
        } catch (InterruptedException e) {
            stop(started);
            throw e;
        } finally {
            waits.shutdownNow();
        }
        return PeerResult.complete(started.size() + " ML container(s) exited 0");
    }

    /** "ML container swop1-t-1-ml (node 1) exited 3: <its last log line>"; more lines go to the SWOP's log. */
    private PeerResult failure(String task, Exit exit) {
        String name = exit.pair().mlName();
        String how = exit.code() == null ? "ended without an exit code" : "exited " + exit.code();
        List<String> tail;
        try {
            tail = engine.logs(exit.pair().mlId(), LOG_LINES).lines().filter(l -> !l.isBlank()).toList();
        } catch (RuntimeException e) {
            tail = List.of("(no logs: " + e.getMessage() + ")");
        }
        LOG.warn("SWOP: {} failed: ML container {} (node {}) {}; last lines:\n  {}", task, name, exit.node(), how,
                String.join("\n  ", tail));
        String last = tail.isEmpty() ? "(no output)" : tail.get(tail.size() - 1).strip();
        return PeerResult.error("ML container " + name + " (node " + exit.node() + ") " + how + ": " + last);
    }

    /** Stops (does not remove) what this run started: release removes, unless the SWOP keeps containers. */
    private void stop(List<DockerPairLauncher.StartedPair> started) {
        int grace = (int) Math.max(0, settings.stopGrace().toSeconds());
        for (DockerPairLauncher.StartedPair pair : started) {
            for (String id : List.of(pair.mlId(), pair.slId())) {
                try {
                    engine.stopContainer(id, grace);
                } catch (RuntimeException e) {
                    LOG.warn("SWOP: cannot stop container {}: {}", id, e.getMessage());
                }
            }
        }
    }
}
