package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.ResourceManager;
import org.openswarm.swop.internal.exec.TaskRun;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.profile.Profile.NodeDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PROCESS resource manager (the default): RUN_SWARM as SL instances in the local Karaf plus OS processes,
 * MAKE_USER_ENV as shell steps in an environment directory, MAKE_SWARM_USER_CONTENT as directories. PULL_IMAGE and
 * MAKE_USER_CONTAINER need a Docker engine and are refused with the reason.
 */
public final class ProcessResourceManager implements ResourceManager {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessResourceManager.class);

    private final ProcessContext ctx;
    /** Every task's processes, until it is released: RESET stops them even after the task reported. */
    private final Map<String, ProcessGroup> groups = new ConcurrentHashMap<>();

    public ProcessResourceManager(ProcessContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public PeerResult execute(TaskRun run) throws InterruptedException {
        TaskSpec task = run.task();
        ProcessGroup group = new ProcessGroup(ctx.stopGrace());
        groups.put(task.name(), group);
        try {
            return switch (task.type()) {
                case RUN_SWARM -> new SwarmRun(ctx, run, group).execute();
                case MAKE_USER_ENV -> new UserEnvBuild(ctx, group).execute(task);
                case MAKE_SWARM_USER_CONTENT -> new UserContent(ctx).execute(task);
                case PULL_IMAGE, MAKE_USER_CONTAINER -> PeerResult.error(task.type() + " " + task.name()
                        + " needs a Docker engine; this SWOP's profile uses resourcemgr PROCESS (use MAKE_USER_ENV, "
                        + "or a SWOP with mgrtype DOCKER)");
            };
        } catch (InterruptedException e) {
            group.stopAll();
            throw e;
        }
    }

    @Override
    public void release(TaskSpec task, boolean keep) {
        ProcessGroup group = groups.remove(task.name());
        if (group != null)
            group.stopAll();
        if (keep || task.type() != org.openswarm.api.ledger.TaskType.RUN_SWARM)
            return;
        for (NodeDef node : ctx.profile().nodes())
            ctx.sls().remove(ctx.slName(node));
        try {
            Tree.delete(ctx.dirs().runs(task.name()));
        } catch (IOException e) {
            LOG.warn("SWOP: cannot remove the run directories of {}: {}", task.name(), e.getMessage());
        }
    }
}
