package org.openswarm.swop.internal.exec;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.TaskRunnerStatus;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.api.sn.NodeRequest;
import org.openswarm.api.sn.NodeType;
import org.openswarm.common.sn.SnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SWOP's work: registers as a SWOP node, enrolls on its taskrunner, and then, on every poll, follows the
 * taskrunner. A new RUNNING assignment that this SWOP may take (not targeted at another SWOP, a peer slot free) is
 * claimed and run on one worker thread, one task at a time; its result is reported as this peer's status. When the
 * taskrunner moves on (RESET, or a new assignment), whatever the task still runs is stopped and released.
 *
 * <p>The SN is the only source of truth: the loop keeps no state across restarts, and a SWOP that finds itself among
 * the peers of a RUNNING assignment it is not running (it restarted mid-task) reports ERROR, since the work it
 * started is gone.
 */
public final class TaskRunnerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunnerLoop.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /** The assignment being run (or run and reported, until the taskrunner moves on). */
    private static final class Current {
        final long assignmentId;
        final String taskName;
        final CountDownLatch finished = new CountDownLatch(1);
        volatile Future<?> future;
        volatile TaskSpec taskSpec; // once read from the SN
        volatile boolean began;

        Current(long assignmentId, String taskName) {
            this.assignmentId = assignmentId;
            this.taskName = taskName;
        }
    }

    private final SwopSettings settings;
    private final Supplier<SnClient> sn;
    private final ResourceManager manager;
    private final ScheduledExecutorService timer;
    private final ExecutorService worker;
    private final Object lock = new Object();

    private volatile boolean registered;
    private volatile boolean enrolled;
    private volatile String problem = "starting";
    private String lastFailure;
    private long lastHeartbeat;
    private long decidedAssignment = -1;
    private Current current;
    private volatile boolean closed;

    public TaskRunnerLoop(SwopSettings settings, Supplier<SnClient> sn, ResourceManager manager) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sn = Objects.requireNonNull(sn, "sn");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "swop-taskrunner"));
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "swop-task"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::tickSafely, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The task this SWOP runs or last ran for the current assignment, e.g. {@code swarm_task (assignment 3,
     * running)}; null when none. */
    public String currentTask() {
        Current now;
        synchronized (lock) {
            now = current;
        }
        if (now == null)
            return null;
        return now.taskName + " (assignment " + now.assignmentId + ", " + (now.finished.getCount() > 0 ? "running"
                : "finished") + ")";
    }

    /** What stands in the way right now (null when registered, enrolled and following the taskrunner). */
    public String problem() {
        return problem;
    }

    private void tickSafely() {
        if (closed)
            return;
        try {
            tick();
            problem = null;
            lastFailure = null;
        } catch (SwarmException e) {
            String now = e.getMessage();
            if (!now.equals(lastFailure))
                LOG.warn("SWOP {}: {}", settings.name(), now); // once per distinct cause, not once per poll
            lastFailure = now;
            problem = e.code() == ErrorCode.NOT_FOUND && !enrolled
                    ? "taskrunner " + settings.taskRunner() + " does not exist (yet): " + now : now;
        } catch (RuntimeException e) {
            LOG.error("SWOP {}: unexpected failure while following taskrunner {}", settings.name(),
                    settings.taskRunner(), e);
            problem = String.valueOf(e.getMessage());
        }
    }

    private void tick() {
        SnClient client = sn.get();
        if (client == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "no join token yet (the local SN's join-token file)");
        if (!registered) {
            client.register(new NodeRequest(settings.uid(), NodeType.SWOP, settings.name(), settings.host(), 0,
                    null));
            registered = true;
            lastHeartbeat = System.nanoTime();
            LOG.info("SWOP {} registered with the SN at {}: NODE UID {}", settings.name(), client.base(),
                    settings.uid());
        } else if (System.nanoTime() - lastHeartbeat >= settings.heartbeat().toNanos()) {
            lastHeartbeat = System.nanoTime();
            try {
                client.heartbeat(settings.uid());
            } catch (SwarmException e) {
                if (e.code() == ErrorCode.NOT_FOUND)
                    registered = false; // the ledger forgot us (a fresh chain): register again
                throw e;
            }
        }
        if (!enrolled) {
            client.enrollSwop(settings.taskRunner(), settings.uid());
            enrolled = true;
            LOG.info("SWOPExecutor : Ready for Task Execution! (taskrunner {})", settings.taskRunner());
        }
        follow(client, client.taskRunner(settings.taskRunner()));
    }

    private void follow(SnClient client, TaskRunnerStatus status) {
        synchronized (lock) {
            if (current != null && (status.assignmentId() != current.assignmentId
                    || status.state() == TaskState.IDLE)) {
                LOG.info("SWOP {}: taskrunner {} moved on ({}), stopping task {}", settings.name(),
                        settings.taskRunner(), status.state() == TaskState.IDLE ? "RESET" : "a new assignment",
                        current.taskName);
                stopAndRelease(current);
                current = null;
            }
            if (current != null || status.state() != TaskState.RUNNING
                    || status.assignmentId() <= decidedAssignment || closed)
                return;
            decidedAssignment = status.assignmentId();
            String task = status.currentTask();
            if (status.targetUid() != null && !status.targetUid().equalsIgnoreCase(settings.uid()))
                return;
            boolean claimed = status.peers() != null
                    && status.peers().stream().anyMatch(p -> p.uid().equalsIgnoreCase(settings.uid()));
            if (claimed) {
                report(client, status.assignmentId(), PeerResult.error("SWOP " + settings.name()
                        + " restarted while running " + task + "; what it started is gone: RESET and assign again"));
                return;
            }
            try {
                client.claim(settings.taskRunner(), settings.uid(), pairsToClaim(client, task));
            } catch (SwarmException e) {
                LOG.info("SWOP {}: not taking task {} (assignment {}): {}", settings.name(), task,
                        status.assignmentId(), e.getMessage());
                return;
            }
            LOG.info("SWOPExecutor: ENROLL TO Task : {}, opId : {}", task, status.assignmentId());
            Current started = new Current(status.assignmentId(), task);
            current = started;
            started.future = worker.submit(() -> run(client, started, task));
        }
    }

    /**
     * A RUN_SWARM task runs every pair of the profile, and a {@code WITH n PEERS} quorum counts them; any other task
     * is one peer. Whether slots are left is the contract's call (a refused claim leaves the task to the others).
     */
    private int pairsToClaim(SnClient client, String task) {
        return client.task(task).header().taskType() == TaskType.RUN_SWARM ? Math.max(1, settings.slNodes()) : 1;
    }

    private void run(SnClient client, Current run, String taskName) {
        run.began = true;
        PeerResult result;
        try {
            TaskSpec task;
            TaskSpec prereq = null;
            try {
                task = TaskSource.read(client, taskName);
                if (task.hasPrereq())
                    prereq = TaskSource.read(client, task.prereq());
            } catch (SwarmException | IllegalArgumentException e) {
                result = PeerResult.error("Cannot read task " + taskName + " from the SN: " + e.getMessage());
                report(client, run.assignmentId, result);
                return;
            }
            run.taskSpec = task;
            LOG.info("SWOP {}: running {} task {} (assignment {})", settings.name(), task.type(), task.name(),
                    run.assignmentId);
            result = manager.execute(new TaskRun(task, prereq, run.assignmentId));
        } catch (InterruptedException e) {
            LOG.info("SWOP {}: task {} stopped", settings.name(), taskName);
            return;
        } catch (RuntimeException e) {
            LOG.error("SWOP {}: task {} failed unexpectedly", settings.name(), taskName, e);
            result = PeerResult.error(taskName + " failed in the SWOP: " + e);
        } finally {
            run.finished.countDown();
        }
        if (result.complete())
            LOG.info("SWOP {}: task {} COMPLETE: {}", settings.name(), taskName, result.description());
        else
            LOG.warn("SWOP {}: task {} ERROR: {}", settings.name(), taskName, result.description());
        report(client, run.assignmentId, result);
    }

    /** Reports this peer's status, retrying while the SN cannot be reached and the assignment still stands. */
    private void report(SnClient client, long assignmentId, PeerResult result) {
        while (!closed) {
            try {
                client.peerStatus(settings.taskRunner(), settings.uid(), result.status(), result.fitted());
                return;
            } catch (SwarmException e) {
                if (e.code() != ErrorCode.UNAVAILABLE) {
                    LOG.warn("SWOP {}: status {} not recorded: {}", settings.name(), result.status(), e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(settings.poll().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void stopAndRelease(Current run) {
        Future<?> future = run.future;
        if (future != null)
            future.cancel(true);
        if (!run.began)
            run.finished.countDown(); // cancelled before it started: it never will, so nothing is left to wait for
        try {
            if (!run.finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS))
                LOG.warn("SWOP {}: task {} did not stop within {} s", settings.name(), run.taskName,
                        STOP_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TaskSpec spec = run.taskSpec;
        if (spec != null) {
            manager.release(spec, settings.keepOnReset());
            LOG.info("SWOP {}: task {} released{}", settings.name(), spec.name(),
                    settings.keepOnReset() ? " (kept: keepOnReset)" : "");
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        synchronized (lock) {
            if (current != null) {
                stopAndRelease(current);
                current = null;
            }
        }
        worker.shutdownNow();
    }
}
