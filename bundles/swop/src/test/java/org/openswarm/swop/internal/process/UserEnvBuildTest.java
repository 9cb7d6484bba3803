package org.openswarm.swop.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.profile.Profiles;

class UserEnvBuildTest {
    @TempDir
    Path dir;

    private ProcessContext context() throws Exception {
        return new ProcessContext(new Profiles().load(Path.of("../../config/swop/profile-process.yaml")), dir,
                new SwopDirs(dir.resolve("swop")), null, "127.0.0.1", 30304, "", Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    private static TaskSpec env(String... steps) {
        return new TaskSpec("user_env_build", TaskType.MAKE_USER_ENV, "ROOTTASK", "user-env",
                Map.of("BuildSteps", List.of(steps)));
    }

    @Test
    void stepsRunInAFreshEnvironmentDirectory() throws Exception {
        Files.createDirectories(dir.resolve("swop/envs/user-env"));
        Files.writeString(dir.resolve("swop/envs/user-env/stale"), "old build");
        PeerResult result = new UserEnvBuild(context(), new ProcessGroup(Duration.ofSeconds(1))).execute(env(
                "mkdir -p bin && printf '#!/bin/sh\\necho tool\\n' > bin/tool \\", "&& chmod +x bin/tool", " ",
                "pwd > where.txt"));
        assertTrue(result.complete(), result.description());
        Path envDir = dir.resolve("swop/envs/user-env");
        assertTrue(Files.isExecutable(envDir.resolve("bin/tool")));
        assertEquals(envDir.toRealPath().toString(), Files.readString(envDir.resolve("where.txt")).trim());
        assertFalse(Files.exists(envDir.resolve("stale")));
        assertTrue(Files.exists(envDir.resolve(UserEnvBuild.COMPLETE_MARKER)));
    }

    @Test
    void aFailingStepIsNamedAndLeavesNoEnvironment() throws Exception {
        PeerResult result = new UserEnvBuild(context(), new ProcessGroup(Duration.ofSeconds(1))).execute(env(
                "echo ok", "echo 'pip: no matching distribution' >&2; exit 1", "echo never"));
        assertFalse(result.complete());
        assertTrue(result.description().startsWith("MAKE_USER_ENV user_env_build step 2 exited 1, log "
                + "<swop data>/logs/user_env_build/build.log: pip: no matching distribution"), result.description());
        assertFalse(Files.exists(dir.resolve("swop/envs/user-env")));
    }

    @Test
    void continuationEntriesJoin() {
        assertEquals(List.of("a b", "c"), UserEnvBuild.steps(List.of("a \\", "b", " ", "c")));
    }
}
