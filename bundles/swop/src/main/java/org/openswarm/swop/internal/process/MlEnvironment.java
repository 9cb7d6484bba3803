package org.openswarm.swop.internal.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openswarm.swop.internal.profile.EnvVars;

/**
 * The environment and executable of one node's ML program (reference §2.3 step 11, process mode): the SWOP's own
 * environment without {@code SWARM_*}, then the task's {@code Envvars}, then the node's {@code usrenvvars} (the node
 * wins), then what the SWOP sets itself: {@code SWARM_SL_URL}/{@code SWARM_SL_TOKEN} of the node's SL and
 * {@code OPENSWARM_NODE_IDX}, {@code OPENSWARM_RUN_DIR}. With a user environment (the prerequisite MAKE_USER_ENV's
 * outcome), its {@code bin/} comes first on {@code PATH} and {@code VIRTUAL_ENV} names it, as activating a venv does.
 */
public final class MlEnvironment {
    private MlEnvironment() {
    }

    public static Map<String, String> of(Map<String, String> inherited, Map<String, String> taskEnv,
            Map<String, String> nodeEnv, Path userEnv, Map<String, String> swopEnv) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        env.keySet().removeIf(key -> key.startsWith("SWARM_"));
        env.putAll(EnvVars.merge(taskEnv, nodeEnv));
        if (userEnv != null) {
            String bin = userEnv.resolve("bin").toAbsolutePath().toString();
            String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("PATH", bin + File.pathSeparator + path);
            env.put("VIRTUAL_ENV", userEnv.toAbsolutePath().toString());
        }
        env.putAll(swopEnv);
        return env;
    }

    /**
     * The executable for {@code entrypoint}: an absolute path as it is; a relative path with a {@code /} against the
     * working directory; a bare name searched on the environment's {@code PATH} (so the user environment's
     * {@code bin/} first).
     *
     * @throws IllegalArgumentException naming the entrypoint and the PATH searched when there is no such program
     */
    public static Path executable(String entrypoint, Path workingDir, Map<String, String> env) {
        if (entrypoint.startsWith("/"))
            return Path.of(entrypoint);
        if (entrypoint.contains("/"))
            return workingDir.resolve(entrypoint).normalize();
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty())
                continue;
            Path candidate = Path.of(dir).resolve(entrypoint);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate))
                return candidate;
        }
        throw new IllegalArgumentException("Entrypoint " + entrypoint + " is not on PATH " + path);
    }
}
