package org.openswarm.swop.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessGroupTest {
    @TempDir
    Path dir;

    private NodeProcess sh(String label, String script) throws Exception {
        return NodeProcess.start(label, new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile()),
                dir.resolve(label + ".log"));
    }

    @Test
    void everyProcessExitingZeroEndsWell() throws Exception {
        ProcessGroup group = new ProcessGroup(Duration.ofSeconds(2));
        group.add(sh("a", "echo one"));
        group.add(sh("b", "sleep 0.3; echo two"));
        ProcessGroup.Outcome outcome = group.await(Duration.ofMillis(50));
        assertTrue(outcome.ok());
        assertEquals(List.of("two"), group.processes().get(1).tail(5));
    }

    @Test
    void theFirstFailureStopsTheOthersAndQuotesTheLog() throws Exception {
        ProcessGroup group = new ProcessGroup(Duration.ofSeconds(2));
        NodeProcess waiter = sh("waiter", "sleep 60");
        group.add(waiter);
        group.add(sh("failer", "echo 'loading data'; echo 'no such file: data.csv' >&2; exit 3"));
        ProcessGroup.Outcome outcome = group.await(Duration.ofMillis(50));
        assertFalse(outcome.ok());
        assertEquals(3, outcome.exitCode());
        assertEquals("failer", outcome.failed().label());
        assertEquals(List.of("loading data", "no such file: data.csv"), outcome.failed().tail(2));
        assertFalse(waiter.isAlive());
    }

    @Test
    void stoppingStopsDescendantsToo() throws Exception {
        ProcessGroup group = new ProcessGroup(Duration.ofSeconds(2));
        NodeProcess parent = sh("parent", "sleep 300 & echo $! > child.pid; wait");
        group.add(parent);
        Path pidFile = dir.resolve("child.pid");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline)
            Thread.sleep(20);
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
        group.stopAll();
        assertFalse(parent.isAlive());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "child " + child + " runs");
    }

    @Test
    void anInterruptedCallerStillStopsEverything() throws Exception {
        ProcessGroup group = new ProcessGroup(Duration.ofSeconds(2));
        NodeProcess p = sh("p", "sleep 60");
        group.add(p);
        Thread.currentThread().interrupt();
        group.stopAll();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertFalse(p.isAlive());
    }
}
