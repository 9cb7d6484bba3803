package org.openswarm.swop.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineAndEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void commandsSplitWithQuotesAndTakeTheNodesVariables() {
        assertEquals(List.of("model/mnist.py", "--index", "3", "a b", "it's"),
                CommandLine.arguments("model/mnist.py  --index ${IDX} 'a b' \"it's\"", Map.of("IDX", "3")));
        assertEquals(List.of("x3y"), CommandLine.arguments("x${IDX}y", Map.of("IDX", "3")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.arguments("--index ${NODE}", Map.of()));
        assertTrue(e.getMessage().contains("${NODE}"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.arguments("'open", Map.of()));
    }

    @Test
    void theNodeWinsAndTheSwopSetsTheSlAndTheUserEnvironment() {
        Path env = dir.resolve("envs/e");
        Map<String, String> merged = MlEnvironment.of(Map.of("PATH", "/usr/bin", "SWARM_SL_URL", "stale", "HOME", "/h"),
                Map.of("MAX_EPOCHS", "2", "MIN_PEERS", "2"), Map.of("MAX_EPOCHS", "5"), env,
                Map.of("SWARM_SL_URL", "http://127.0.0.1:1/", "SWARM_SL_TOKEN", "t"));
        assertEquals("5", merged.get("MAX_EPOCHS"));
        assertEquals("2", merged.get("MIN_PEERS"));
        assertEquals("/h", merged.get("HOME"));
        assertEquals("http://127.0.0.1:1/", merged.get("SWARM_SL_URL"));
        assertEquals(env.resolve("bin").toAbsolutePath() + ":/usr/bin", merged.get("PATH"));
        assertEquals(env.toAbsolutePath().toString(), merged.get("VIRTUAL_ENV"));
        assertFalse(MlEnvironment.of(Map.of("SWARM_X", "1"), Map.of(), Map.of(), null, Map.of())
                .containsKey("SWARM_X"));
    }

    @Test
    void entrypointsResolveAgainstTheEnvironmentsBinFirst() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("env/bin"));
        Path tool = Files.writeString(bin.resolve("python3"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin");
        assertEquals(tool, MlEnvironment.executable("python3", dir, env));
        assertEquals(Path.of("/bin/sh"), MlEnvironment.executable("/bin/sh", dir, env));
        assertEquals(dir.resolve("model/run.sh"), MlEnvironment.executable("./model/run.sh", dir, env));
        assertThrows(IllegalArgumentException.class, () -> MlEnvironment.executable("no-such-tool-x", dir, env));
    }
}
