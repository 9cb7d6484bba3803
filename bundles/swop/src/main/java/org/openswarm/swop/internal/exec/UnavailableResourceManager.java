package org.openswarm.swop.internal.exec;

/** A resource manager this build cannot provide: every task fails with the reason, nothing is started. */
public final class UnavailableResourceManager implements ResourceManager {
    private final String reason;

    public UnavailableResourceManager(String reason) {
        this.reason = reason;
    }

    @Override
    public PeerResult execute(TaskRun run) {
        return PeerResult.error(run.task().type() + " " + run.task().name() + ": " + reason);
    }

    @Override
    public void release(TaskSpec task, boolean keep) {
        // nothing was started
    }
}
