package org.openswarm.swop.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.TaskRun;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profiles;

/**
 * RUN_SWARM's process side with the SL side recorded instead of started (the SLs in Karaf are the itests' part:
 * SwopIT). The ML programs are real shell processes.
 */
class ProcessResourceManagerTest {
    @TempDir
    Path dir;

    /** Records what the manager asks of the SL side and answers an endpoint per SL. */
    static final class RecordedSls implements SlInstances {
        final Map<String, Map<String, Object>> started = new LinkedHashMap<>();
        final List<String> removed = new ArrayList<>();

        @Override
        public SlEndpoint start(String name, Map<String, Object> properties, Path dataDir, Duration timeout) {
            started.put(name, properties);
            return new SlEndpoint(name, "http://127.0.0.1:4" + started.size() + "/", "token-" + name);
        }

        @Override
        public void remove(String name) {
            removed.add(name);
        }
    }

    private final RecordedSls sls = new RecordedSls();

    private ProcessResourceManager manager() throws Exception {
        Files.createDirectories(dir.resolve("data/node0"));
        Files.createDirectories(dir.resolve("data/node1"));
        Files.writeString(dir.resolve("data/node0/part.csv"), "node0\n");
        Files.writeString(dir.resolve("data/node1/part.csv"), "node1\n");
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/train.sh"), "echo \"$NODE_INDEX $(cat data/part.csv) $MAX_EPOCHS "
                + "$SWARM_SL_URL $SWARM_SL_TOKEN $1\"; pwd; exit ${EXIT_CODE:-0}\n");
        Files.copy(Path.of("../../config/swop/profile-process.yaml"), dir.resolve("profile.yaml"));
        Profile profile = new Profiles().load(dir.resolve("profile.yaml"));
        return new ProcessResourceManager(new ProcessContext(profile, dir, new SwopDirs(dir.resolve("swop")), sls,
                "10.0.0.9", 31304, "join", Duration.ofSeconds(5), Duration.ofSeconds(2)));
    }

    private static TaskSpec swarm(Map<String, Object> overrides) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("Entrypoint", "/bin/sh", "Command",
                "model/train.sh --node=${NODE_INDEX}", "WorkingDir", "/tmp/test", "Envvars",
                List.of(Map.of("MAX_EPOCHS", 2), Map.of("NODE_INDEX", "task-value")), "PrivateContent",
                "/tmp/test/data", "SharedContent", List.of(Map.of("Src", "model", "Tgt", "/tmp/test/model", "MType",
                        "BIND"))));
        body.putAll(overrides);
        return new TaskSpec("swarm_task", TaskType.RUN_SWARM, "ROOTTASK", "swarm_task", body);
    }

    @Test
    void everyNodeGetsAnSlAndItsProgramInItsRunDirectory() throws Exception {
        ProcessResourceManager manager = manager();
        PeerResult result = manager.execute(new TaskRun(swarm(Map.of()), null, 1));
        assertTrue(result.complete(), result.description());
        assertEquals(List.of("demo-sl0", "demo-sl1"), List.copyOf(sls.started.keySet()));
        Map<String, Object> sl0 = sls.started.get("demo-sl0");
        assertEquals(16000, sl0.get("fileServerPort"));
        assertEquals("10.0.0.9", sl0.get("snHost"));
        assertEquals(31304, sl0.get("snPort"));
        assertEquals("join", sl0.get("joinToken"));
        assertEquals("INFO", sl0.get("logLevel"));
        assertEquals("5", sl0.get("fullQuorumWaitSeconds"));
        assertEquals("127.0.0.1", sl0.get("fileServerBindHost"));
        assertTrue((Integer) sl0.get("mlPort") > 0);
        assertFalse(sls.started.get("demo-sl1").containsKey("fullQuorumWaitSeconds"));

        for (int idx : new int[] { 0, 1 }) {
            String log = Files.readString(dir.resolve("swop/logs/swarm_task/ml-" + idx + ".log"));
            assertTrue(log.contains(idx + " node" + idx + " 2 http://127.0.0.1:4" + (idx + 1) + "/ token-demo-sl" + idx
                    + " --node=" + idx), log);
            Path run = dir.resolve("swop/runs/swarm_task/" + idx);
            assertTrue(log.contains(run.resolve("tmp/test").toString()), log);
            assertEquals(dir.resolve("data/node" + idx).toAbsolutePath(),
                    Files.readSymbolicLink(run.resolve("tmp/test/data")));
            assertTrue(Files.exists(run.resolve("ml.pid")));
        }

        manager.release(swarm(Map.of()), false);
        assertEquals(List.of("demo-sl0", "demo-sl1"), sls.removed);
        assertFalse(Files.exists(dir.resolve("swop/runs/swarm_task")));
        assertTrue(Files.exists(dir.resolve("data/node0/part.csv")), "user data survives the cleanup");
        assertTrue(Files.exists(dir.resolve("swop/logs/swarm_task/ml-0.log")), "logs survive the cleanup");
    }

    @Test
    void aProgramExitingNonZeroIsDescribed() throws Exception {
        Files.createDirectories(dir.resolve("data/node1"));
        ProcessResourceManager manager = manager();
        String profile = Files.readString(dir.resolve("profile.yaml")).replace("NODE_INDEX: 1,", "NODE_INDEX: 1, "
                + "EXIT_CODE: 7,");
        Files.writeString(dir.resolve("profile.yaml"), profile);
        manager = new ProcessResourceManager(new ProcessContext(new Profiles().load(dir.resolve("profile.yaml")), dir,
                new SwopDirs(dir.resolve("swop")), sls, "127.0.0.1", 30304, "", Duration.ofSeconds(5),
                Duration.ofSeconds(2)));
        PeerResult result = manager.execute(new TaskRun(swarm(Map.of()), null, 1));
        assertFalse(result.complete());
        assertTrue(result.description().startsWith("ML node 1 (/bin/sh) exited 7, log "
                + "<swop data>/logs/swarm_task/ml-1.log: "), result.description());
        assertTrue(result.fitted().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 160);
    }

    @Test
    void aResetStopsTheRunningPrograms() throws Exception {
        ProcessResourceManager manager = manager();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<PeerResult> running = worker.submit(() -> manager.execute(new TaskRun(swarm(Map.of("Command",
                    "-c 'sleep 120'")), null, 1)));
            Path pid = dir.resolve("swop/runs/swarm_task/1/ml.pid");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(pid) && System.nanoTime() < deadline)
                Thread.sleep(20);
            Thread.sleep(100);
            long pid0 = Long.parseLong(Files.readString(dir.resolve("swop/runs/swarm_task/0/ml.pid")).trim());
            assertTrue(ProcessHandle.of(pid0).isPresent());
            running.cancel(true);
            manager.release(swarm(Map.of()), false);
            assertFalse(ProcessHandle.of(pid0).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void containerTasksAndMissingEnvironmentsAreRefusedWithTheReason() throws Exception {
        ProcessResourceManager manager = manager();
        PeerResult pull = manager.execute(new TaskRun(new TaskSpec("pull", TaskType.PULL_IMAGE, "ROOTTASK", "img:1",
                Map.of()), null, 1));
        assertFalse(pull.complete());
        assertTrue(pull.description().contains("needs a Docker engine"), pull.description());
        TaskSpec env = new TaskSpec("env_task", TaskType.MAKE_USER_ENV, "ROOTTASK", "user-env", Map.of());
        PeerResult noEnv = manager.execute(new TaskRun(swarm(Map.of()), env, 2));
        assertEquals("user environment user-env is not built on this SWOP: run env_task here first",
                noEnv.description());
        assertTrue(sls.started.isEmpty());
    }

    @Test
    void anEntrypointIsFoundInTheUserEnvironmentFirst() throws Exception {
        ProcessResourceManager manager = manager();
        TaskSpec env = new TaskSpec("env_task", TaskType.MAKE_USER_ENV, "ROOTTASK", "user-env", Map.of("BuildSteps",
                List.of("mkdir bin && printf '#!/bin/sh\\necho from-env $VIRTUAL_ENV\\n' > bin/sh && chmod +x bin/sh")));
        assertTrue(manager.execute(new TaskRun(env, null, 1)).complete());
        PeerResult result = manager.execute(new TaskRun(swarm(Map.of("Entrypoint", "sh")), env, 2));
        assertTrue(result.complete(), result.description());
        assertTrue(Files.readString(dir.resolve("swop/logs/swarm_task/ml-0.log")).contains("from-env "
                + dir.resolve("swop/envs/user-env").toAbsolutePath()));
    }
}
