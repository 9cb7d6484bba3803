package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.TaskSpec;

/**
 * MAKE_USER_ENV (process mode's MAKE_USER_CONTAINER): the body's {@code BuildSteps} are shell lines, run one after
 * the other with {@code /bin/sh -c} in a fresh directory {@code envs/<Outcome>} (which exists only while it builds
 * or once it built completely), e.g. {@code /usr/bin/python3 -m venv --system-site-packages .} and then pip installs
 * of local wheels. As in the reference's inline Dockerfile, an entry ending in {@code \} continues on the next one
 * and blank entries are skipped. The build happens in place because a venv remembers its absolute path.
 */
final class UserEnvBuild {
    static final String COMPLETE_MARKER = ".openswarm-env-complete";

    private final ProcessContext ctx;
    private final ProcessGroup group;

    UserEnvBuild(ProcessContext ctx, ProcessGroup group) {
        this.ctx = ctx;
        this.group = group;
    }

    PeerResult execute(TaskSpec task) throws InterruptedException {
        List<String> steps = steps(task.body().get("BuildSteps"));
        if (steps.isEmpty())
            return PeerResult.error("MAKE_USER_ENV " + task.name() + ": BuildSteps is empty");
        Path env = ctx.dirs().env(task.outcome());
        Path log = ctx.dirs().logs(task.name()).resolve("build.log");
        try {
            Tree.delete(env);
            Files.createDirectories(env);
        } catch (IOException e) {
            return PeerResult.error("MAKE_USER_ENV " + task.name() + ": cannot create " + env + ": " + e.getMessage());
        }
        boolean built = false;
        try {
            for (int i = 0; i < steps.size(); i++) {
                ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", steps.get(i)).directory(env.toFile());
                builder.environment().keySet().removeIf(k -> k.startsWith("SWARM_"));
                builder.environment().put("OPENSWARM_ENV_DIR", env.toAbsolutePath().toString());
                NodeProcess step;
                try {
                    step = NodeProcess.start("build step " + (i + 1), builder, log);
                } catch (IOException e) {
                    return PeerResult.error("MAKE_USER_ENV " + task.name() + ": cannot start /bin/sh: "
                            + e.getMessage());
                }
                group.add(step);
                int code = step.waitFor();
                if (code != 0) {
                    List<String> tail = step.tail(1);
                    return PeerResult.error("MAKE_USER_ENV " + task.name() + " step " + (i + 1) + " exited " + code
                            + ", log " + ctx.dirs().shortName(log) + ": " + (tail.isEmpty() ? steps.get(i)
                                    : tail.get(0)));
                }
            }
            Files.writeString(env.resolve(COMPLETE_MARKER), task.name() + "\n");
            built = true;
            return PeerResult.complete("user environment " + task.outcome() + " built (" + steps.size() + " steps)");
        } catch (IOException e) {
            return PeerResult.error("MAKE_USER_ENV " + task.name() + ": " + e.getMessage());
        } finally {
            if (!built) {
                group.stopAll();
                try {
                    Tree.delete(env); // a half-built environment must not look usable
                } catch (IOException ignored) {
                    // the marker is missing anyway
                }
            }
        }
    }

    /** Build steps with continuation lines joined and blank entries dropped. */
    static List<String> steps(Object value) {
        List<String> out = new ArrayList<>();
        if (!(value instanceof List<?> list))
            return out;
        StringBuilder pending = new StringBuilder();
        for (Object item : list) {
            String line = item == null ? "" : String.valueOf(item);
            if (line.endsWith("\\")) {
                pending.append(line.substring(0, line.length() - 1).stripTrailing()).append(' ');
                continue;
            }
            pending.append(line);
            if (!pending.toString().isBlank())
                out.add(pending.toString().trim());
            pending.setLength(0);
        }
        if (!pending.toString().isBlank())
            out.add(pending.toString().trim());
        return out;
    }

}
