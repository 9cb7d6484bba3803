package org.openswarm.swop.internal.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The processes of one task, supervised together: the task ends well when every one exits 0; the first one that
 * exits otherwise ends it, and the others are stopped (an ML program alone would wait for its missing peers
 * forever). Stopping the group (RESET, shutdown) stops every process and its descendants.
 */
public final class ProcessGroup {
    /** How the group ended: null failure when every process exited 0. */
    public record Outcome(NodeProcess failed, int exitCode) {
        public boolean ok() {
            return failed == null;
        }
    }

    private final List<NodeProcess> processes = new CopyOnWriteArrayList<>();
    private final Duration grace;

    public ProcessGroup(Duration grace) {
        this.grace = grace;
    }

    public void add(NodeProcess process) {
        processes.add(process);
    }

    public List<NodeProcess> processes() {
        return List.copyOf(processes);
    }

    /** Waits until every process exited 0, or one exited otherwise (the rest are then stopped). */
    public Outcome await(Duration poll) throws InterruptedException {
        while (true) {
            boolean running = false;
            for (NodeProcess p : processes) {
                Integer code = p.exitCode();
                if (code == null)
                    running = true;
                else if (code != 0) {
                    stopAll();
                    return new Outcome(p, code);
                }
            }
            if (!running)
                return new Outcome(null, 0);
            Thread.sleep(poll.toMillis());
        }
    }

    /** Stops every process still running, and its descendants. */
    public void stopAll() {
        boolean interrupted = Thread.interrupted(); // a RESET interrupts the caller; the stop must still complete
        List<Thread> stoppers = new ArrayList<>();
        for (NodeProcess p : processes) {
            Thread t = new Thread(() -> p.stop(grace), "swop-stop-" + p.pid());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted)
            Thread.currentThread().interrupt();
    }
}
