package org.openswarm.swop.internal.process;

import java.nio.file.Path;

/**
 * Where the process manager keeps things under the SWOP's data directory:
 * <pre>
 * runs/&lt;task&gt;/&lt;idx&gt;/        a node's run directory: the task's container paths, as links and directories
 * logs/&lt;task&gt;/ml-&lt;idx&gt;.log   each ML program's output; build.log, content.log (kept across RESET)
 * envs/&lt;outcome&gt;/           user environments built by MAKE_USER_ENV
 * content/&lt;outcome&gt;/[&lt;idx&gt;/] content built by MAKE_SWARM_USER_CONTENT (per node for SWARMCONTENT)
 * sl/&lt;sl name&gt;/            the data directories of the SLs it configures
 * </pre>
 * Task and outcome names become directory names with every character outside {@code [A-Za-z0-9._-]} replaced by
 * {@code _}, so no name can leave its directory.
 */
public record SwopDirs(Path root) {

    public Path runDir(String task, int idx) {
        return runs(task).resolve(String.valueOf(idx));
    }

    public Path runs(String task) {
        return root.resolve("runs").resolve(safe(task));
    }

    public Path logs(String task) {
        return root.resolve("logs").resolve(safe(task));
    }

    public Path env(String outcome) {
        return root.resolve("envs").resolve(safe(outcome));
    }

    public Path content(String outcome) {
        return root.resolve("content").resolve(safe(outcome));
    }

    public Path slData(String slName) {
        return root.resolve("sl").resolve(safe(slName));
    }

    /** {@code path} relative to the data directory when it lies inside, for short descriptions. */
    public String shortName(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        return abs.startsWith(base) ? "<swop data>/" + base.relativize(abs) : abs.toString();
    }

    public static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "_" + cleaned : cleaned;
    }
}
