package org.openswarm.swop.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.swop.internal.process.RunDirectory.Mount;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void taskPathsLiveInTheRunDirectoryAsLinks() throws Exception {
        Path data = Files.createDirectories(dir.resolve("node0-data"));
        Path model = Files.createDirectories(dir.resolve("model"));
        Path root = new SwopDirs(dir.resolve("swop")).runDir("swarm_task", 0);
        assertEquals(dir.resolve("swop/runs/swarm_task/0"), root);
        Path working = RunDirectory.create(root, List.of(new Mount("/platform/data", data, "privatedata.src"),
                new Mount("/platform/model", model, "SharedContent.Src")), "/platform/work");
        assertEquals(root.resolve("platform/work"), working);
        assertTrue(Files.isDirectory(working));
        assertEquals(data.toAbsolutePath(), Files.readSymbolicLink(root.resolve("platform/data")));
        assertEquals(model.toAbsolutePath(), Files.readSymbolicLink(root.resolve("platform/model")));
    }

    /** The reference example: PrivateContent /tmp/test/ and SharedContent at /tmp/test/model, WorkingDir /tmp/test. */
    @Test
    void nestedMountsNeverWriteIntoASource() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("train.csv"), "1,2\n");
        Files.createDirectories(data.resolve("model")); // shadowed by the shared mount
        Path model = Files.createDirectories(dir.resolve("model-src"));
        Files.writeString(model.resolve("mnist.py"), "print()\n");
        Path root = dir.resolve("run");
        Path working = RunDirectory.create(root, List.of(new Mount("/tmp/test/model", model, "SharedContent.Src"),
                new Mount("/tmp/test/", data, "privatedata.src")), "/tmp/test");
        assertFalse(Files.isSymbolicLink(working));
        assertEquals("1,2\n", Files.readString(working.resolve("train.csv")));
        assertEquals("print()\n", Files.readString(working.resolve("model/mnist.py")));
        assertEquals(List.of(), Files.list(data.resolve("model")).toList(), "the source is untouched");
    }

    @Test
    void pathsCannotLeaveTheRunDirectoryAndSourcesMustExist() {
        Path root = dir.resolve("run");
        assertThrows(IllegalArgumentException.class, () -> RunDirectory.inside(root, "/tmp/../../etc"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(
                root, List.of(new Mount("/d", dir.resolve("nope"), "privatedata.src of node 0")), "/w"));
        assertTrue(missing.getMessage().startsWith("privatedata.src of node 0 "), missing.getMessage());
        assertEquals("a_b", SwopDirs.safe("a/b"));
        assertEquals("_..", SwopDirs.safe(".."));
    }
}
