package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openswarm.api.ledger.TaskType;
import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.TaskRun;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.process.RunDirectory.Mount;
import org.openswarm.swop.internal.process.SlInstances.SlEndpoint;
import org.openswarm.swop.internal.profile.EnvVars;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profile.NodeDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RUN_SWARM in process mode: for every {@code slnodedef}, an SL in the local Karaf and the ML program as an OS
 * process in the node's run directory; COMPLETE when every program exits 0, ERROR naming the first program that
 * does not, with its exit code, its log and the log's last lines.
 */
final class SwarmRun {
    private static final Logger LOG = LoggerFactory.getLogger(SwarmRun.class);

    private final ProcessContext ctx;
    private final TaskRun run;
    private final ProcessGroup group;

    SwarmRun(ProcessContext ctx, TaskRun run, ProcessGroup group) {
        this.ctx = ctx;
        this.run = run;
        this.group = group;
    }

    PeerResult execute() throws InterruptedException {
        TaskSpec task = run.task();
        Path userEnv;
        try {
            userEnv = userEnvironment();
        } catch (IllegalStateException e) {
            return PeerResult.error(e.getMessage());
        }
        Profile profile = ctx.profile();
        List<String> started = new ArrayList<>();
        for (NodeDef node : profile.nodes()) {
            String what = "RUN_SWARM " + task.name() + " node " + node.idx();
            SlEndpoint sl;
            try {
                String name = ctx.slName(node);
                sl = ctx.sls().start(name, ctx.slProperties(node), ctx.dirs().slData(name), ctx.slStartTimeout());
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                group.stopAll();
                return PeerResult.error(what + ": " + e.getMessage());
            }
            NodeProcess process;
            try {
                process = startMl(task, node, sl, userEnv);
            } catch (IllegalArgumentException | IOException e) {
                group.stopAll();
                return PeerResult.error(what + ": " + e.getMessage());
            }
            group.add(process);
            started.add(process.label() + " pid " + process.pid());
        }
        LOG.info("SWOP: {} started {}", task.name(), started);
        ProcessGroup.Outcome outcome = group.await(java.time.Duration.ofMillis(250));
        if (outcome.ok())
            return PeerResult.complete(started.size() + " ML program(s) exited 0");
        NodeProcess failed = outcome.failed();
        List<String> tail = failed.tail(3);
        String full = failed.label() + " exited with code " + outcome.exitCode() + "; log " + failed.log()
                + (tail.isEmpty() ? "" : "; last lines: " + String.join(" | ", tail));
        LOG.warn("SWOP: {} failed: {}", task.name(), full);
        String last = tail.isEmpty() ? "(no output)" : tail.get(tail.size() - 1);
        return PeerResult.error(failed.label() + " exited " + outcome.exitCode() + ", log "
                + ctx.dirs().shortName(failed.log()) + ": " + last);
    }

    /** The prerequisite's user environment, null when the task has none; a missing one is an error. */
    private Path userEnvironment() {
        TaskSpec prereq = run.prereq();
        if (prereq == null)
            return null;
        if (prereq.type() == TaskType.MAKE_USER_CONTAINER || prereq.type() == TaskType.PULL_IMAGE)
            throw new IllegalStateException("RUN_SWARM " + run.task().name() + " needs image " + prereq.outcome()
                    + " (" + prereq.type() + "); the PROCESS resource manager runs no containers: use MAKE_USER_ENV");
        if (prereq.type() != TaskType.MAKE_USER_ENV)
            return null;
        Path env = ctx.dirs().env(prereq.outcome());
        if (!Files.exists(env.resolve(UserEnvBuild.COMPLETE_MARKER)))
            throw new IllegalStateException("user environment " + prereq.outcome() + " is not built on this SWOP: "
                    + "run " + prereq.name() + " here first");
        return env;
    }

    private NodeProcess startMl(TaskSpec task, NodeDef node, SlEndpoint sl, Path userEnv) throws IOException {
        Path root = ctx.dirs().runDir(task.name(), node.idx());
        String workingDir = task.string("WorkingDir") == null ? "/" : task.string("WorkingDir");
        List<Mount> mounts = new ArrayList<>();
        if (task.string("PrivateContent") != null && node.privateSrc() != null)
            mounts.add(new Mount(task.string("PrivateContent"), ctx.source(node.privateSrc(), node.privateType(),
                    node.idx()), "privatedata.src of node " + node.idx()));
        if (task.body().get("SharedContent") instanceof List<?> shared)
            for (Object item : shared)
                if (item instanceof Map<?, ?> m)
                    mounts.add(new Mount(String.valueOf(m.get("Tgt")), ctx.source(String.valueOf(m.get("Src")),
                            "VOLUME".equals(m.get("MType")) ? Profile.MountType.VOLUME : Profile.MountType.BIND,
                            node.idx()), "SharedContent.Src"));
        Path working = RunDirectory.create(root, mounts, workingDir);

        Map<String, String> swopEnv = new LinkedHashMap<>();
        swopEnv.put("SWARM_SL_URL", sl.url());
        swopEnv.put("SWARM_SL_TOKEN", sl.token());
        swopEnv.put("OPENSWARM_NODE_IDX", String.valueOf(node.idx()));
        swopEnv.put("OPENSWARM_RUN_DIR", root.toAbsolutePath().toString());
        Map<String, String> env = MlEnvironment.of(System.getenv(), EnvVars.of(task.body().get("Envvars")),
                node.usrEnvvars(), userEnv, swopEnv);
        String entrypoint = task.string("Entrypoint");
        if (entrypoint == null || entrypoint.isBlank())
            throw new IllegalArgumentException("the task has no Entrypoint");
        List<String> command = new ArrayList<>();
        command.add(MlEnvironment.executable(entrypoint, working, env).toString());
        command.addAll(CommandLine.arguments(task.string("Command"), env));
        ProcessBuilder builder = new ProcessBuilder(command).directory(working.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        NodeProcess process = NodeProcess.start("ML node " + node.idx() + " (" + entrypoint + ")", builder,
                ctx.dirs().logs(task.name()).resolve("ml-" + node.idx() + ".log"));
        Files.writeString(root.resolve("ml.pid"), process.pid() + "\n", StandardCharsets.UTF_8);
        return process;
    }
}
