package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openswarm.api.SwarmException;
import org.openswarm.api.sn.NodeType;
import org.openswarm.common.sn.SnClient;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.MlProgram;
import org.openswarm.swci.internal.exec.ScriptRunner;
import org.openswarm.swci.internal.exec.SwciSession;

/**
 * The SWOP in the distribution (SN, license server, SL feature and SWOP in one Karaf, PROCESS resource manager, a
 * profile of two SL/ML pairs), driven by the SWCI executor in the test JVM with the reference §2.3 flow: a
 * MAKE_USER_ENV task, then a RUN_SWARM task of the Java digits example, end to end; a failing ML program; and a
 * RESET that stops what a task started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwopIT {
    private static final String RUNNER = "swop.it.taskrunner";
    private static final Duration TRAINING = Duration.ofMinutes(6);
    private static final Pattern HASH = Pattern.compile("node_(\\d+) sha256=([0-9a-f]{64})");

    private KarafInstance box;
    private Path work;
    private SnClient sn;
    private SwciSession session;
    private String swopUid;

    @BeforeAll
    void boot() throws IOException {
        work = Files.createTempDirectory("swop-it");
        for (int i = 0; i < 2; i++)
            Files.createDirectories(work.resolve("usr/node" + i));
        Files.createDirectories(work.resolve("usr/taskdefs"));
        Files.writeString(work.resolve("usr/profile.yaml"), profile());
        box = KarafInstance.builder("swop")
                .portTo(KarafInstance.SN_API, "org.openswarm.swop", "snPort")
                .config("org.openswarm.swop", "profile", work.resolve("usr/profile.yaml").toString())
                .config("org.openswarm.swop", "pollMillis", "300")
                .config("org.openswarm.swop", "stopGraceSeconds", "3")
                .build().start();
        sn = new SnClient(URI.create(box.snApiUrl("/")), box.joinToken(), Duration.ofSeconds(60));
        Await.require(Duration.ofSeconds(90), "the SWOP registered", () -> {
            try {
                return sn.nodes().stream().anyMatch(n -> n.type() == NodeType.SWOP && n.alive());
            } catch (SwarmException e) {
                return false;
            }
        });
        swopUid = sn.nodes().stream().filter(n -> n.type() == NodeType.SWOP).findFirst().orElseThrow().uid();
        session = new SwciSession(work.resolve("swci-state"), work, box.joinToken()).pollInterval(
                Duration.ofMillis(300)).maxWait(TRAINING);
    }

    @AfterAll
    void stop() {
        if (box != null)
            box.close();
    }

    private String profile() {
        StringBuilder yaml = new StringBuilder("""
                groupname  : swopit
                taskrunner : %s
                policyuri  : ~
                resourcemgr: { mgrtype: PROCESS }
                apls       : { locator: { host: 127.0.0.1, port: ~ } }
                apisrv     : { locator: { host: ~, port: ~, service: ~ } }
                envvars    : [ SL_LOG_LEVEL: INFO, SL_WAIT_FOR_FULL_QUORUM_SECONDS: 3 ]
                nodes:
                """.formatted(RUNNER));
        for (int i = 0; i < 2; i++)
            yaml.append("""
                      - slnodedef:
                          idx: %d
                          identity: ~
                          slhostname: sl%d
                          slhostip: 127.0.0.1
                          usrhostname: user%d
                          privatedata: { src: "node%d", mType: BIND }
                          slenvvars: ~
                          usrenvvars: [ NODE_INDEX: %d, CLASSPATH: "%s" ]
                    """.formatted(i, i, i, i, i, MlProgram.classpath()));
        return yaml.toString();
    }

    private ScriptRunner.Outcome script(String... lines) {
        ScriptRunner.Outcome outcome = new ScriptRunner(session).run(List.of(lines));
        return outcome;
    }

    private void swopEnrolled(String runner) {
        Await.require(Duration.ofSeconds(30), "the SWOP enrolled on " + runner,
                () -> sn.taskRunner(runner).enrolledSwops().contains(swopUid));
    }

    private Path swopData() {
        return box.home().resolve("data/openswarm/swop");
    }

    private void writeTask(String file, String yaml) throws IOException {
        Files.writeString(work.resolve("usr/taskdefs/" + file), yaml);
    }

    private String runSwarm(String name, String prereq, String entrypoint, String command, String extraEnv) {
        return """
                Name: %s
                TaskType: RUN_SWARM
                Author: swop-it
                Prereq: %s
                Outcome: %s
                Body:
                  Entrypoint: %s
                  Command: "%s"
                  WorkingDir: /platform/swarm/usr
                  Envvars: [ %s ]
                  PrivateContent: /platform/swarm/usr
                  SharedContent: ~
                """.formatted(name, prereq, name, entrypoint, command, extraEnv);
    }

    @Test
    @Order(1)
    void theReferenceFlowTrainsEndToEnd() throws IOException {
        String context = "swop-it";
        String contract = "swop.it.contract";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        writeTask("user_env_build_task.yaml", """
                Name: user_env_build_task
                TaskType: MAKE_USER_ENV
                Author: swop-it
                Prereq: ROOTTASK
                Outcome: user-env-java
                Body:
                  BuildSteps:
                    - /usr/bin/python3 -m venv --without-pip --system-site-packages .
                    - ln -s %s bin/java
                """.formatted(java));
        writeTask("swarm_digits_task.yaml", runSwarm("swarm_digits_task", "user_env_build_task", "java",
                "-Xmx256m org.openswarm.examples.digits.Main node --index ${NODE_INDEX} --nodes 2 --seed 1 "
                        + "--steps 120 --min-peers 2 --contract ${CONTRACT} --out out",
                "CONTRACT: " + contract));
        int port = box.port(KarafInstance.SN_API);
        ScriptRunner.Outcome setup = script(
                "EXIT ON FAILURE",
                "wait for ip 127.0.0.1 " + port + " 10",
                "create context " + context + " with ip 127.0.0.1 " + port,
                "switch context " + context,
                "CREATE CONTRACT " + contract,
                "cd usr",
                "CREATE TASKRUNNER " + RUNNER);
        assertEquals(0, setup.failures(), String.join("\n", setup.lines()));
        swopEnrolled(RUNNER);
        String shown = box.shell("swarm:swop").output();
        assertTrue(shown.contains("NODE UID : " + swopUid) && shown.contains("STATE    : Ready for Task Execution")
                && shown.contains("taskrunner " + RUNNER), shown);

        ScriptRunner.Outcome run = script(
                "EXIT ON FAILURE",
                "create task from taskdefs/user_env_build_task.yaml",
                "finalize task user_env_build_task",
                "RESET TASKRUNNER " + RUNNER,
                "ASSIGN TASK user_env_build_task TO " + RUNNER + " WITH 1 PEERS",
                "WAIT FOR TASKRUNNER " + RUNNER,
                "GET TASKRUNNER PEER STATUS " + RUNNER + " 0",
                "RESET TASKRUNNER " + RUNNER,
                "create task from taskdefs/swarm_digits_task.yaml",
                "finalize task swarm_digits_task",
                "ASSIGN TASK swarm_digits_task TO " + RUNNER + " WITH 2 PEERS",
                "WAIT FOR TASKRUNNER " + RUNNER,
                "GET TASKRUNNER PEER STATUS " + RUNNER + " 0",
                "RESET TASKRUNNER " + RUNNER,
                "RESET CONTRACT " + contract,
                "EXIT");
        List<String> lines = run.lines();
        String all = String.join("\n", lines) + "\n--- karaf.log ---\n" + box.logTail(40);
        assertEquals(0, run.failures(), all);
        assertTrue(run.exited(), all);
        assertEquals(2, lines.stream().filter(l -> l.equals("STATE : COMPLETE")).count(), all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("SWOP_PEER_STATUS_DESC : user environment "
                + "user-env-java built")), all);
        assertTrue(lines.stream().anyMatch(l -> l.equals("SWOP_PEER_STATUS_DESC : 2 ML program(s) exited 0")), all);
        // WITH 2 PEERS counts SL/ML pairs for RUN_SWARM: this one SWOP's two pairs fill the quorum.
        assertTrue(lines.stream().anyMatch(l -> l.equals("PEER_COUNT            : 2")), all);

        // Every node ends with the same model; each wrote it into its private data (WorkingDir = PrivateContent).
        Map<Integer, String> hashes = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String result = Files.readString(work.resolve("usr/node" + i + "/out/node_" + i + ".txt"));
            Matcher hash = HASH.matcher(result);
            assertTrue(hash.find(), result);
            hashes.put(Integer.parseInt(hash.group(1)), hash.group(2));
            String log = Files.readString(swopData().resolve("logs/swarm_digits_task/ml-" + i + ".log"));
            assertTrue(log.contains("node_" + i + " sha256=" + hash.group(2)), log);
        }
        assertEquals(2, hashes.size());
        assertEquals(1, Set.copyOf(hashes.values()).size(), "every node ends with the same model: " + hashes);
        // The run used the user environment's java, and RESET removed the run directories and SL instances.
        assertTrue(Files.isSymbolicLink(swopData().resolve("envs/user-env-java/bin/java")));
        Await.require(Duration.ofSeconds(30), "the run directories removed",
                () -> !Files.exists(swopData().resolve("runs/swarm_digits_task")));
        Await.require(Duration.ofSeconds(30), "the SL configurations removed",
                () -> !box.shell("config:list").output().contains("org.openswarm.sl~swopit-sl"));
    }

    @Test
    @Order(2)
    void aFailingProgramIsAnErrorWithItsDescription() throws IOException {
        writeTask("failing_task.yaml", runSwarm("failing_task", "ROOTTASK", "/bin/sh",
                "-c 'echo loading; echo missing training data >&2; exit 3'", ""));
        ScriptRunner.Outcome run = script(
                "EXIT ON FAILURE OFF",
                "create task from taskdefs/failing_task.yaml",
                "finalize task failing_task",
                "ASSIGN TASK failing_task TO " + RUNNER + " TARGET " + swopUid,
                "WAIT FOR TASKRUNNER " + RUNNER,
                "GET TASKRUNNER PEER STATUS " + RUNNER + " " + swopUid,
                "RESET TASKRUNNER " + RUNNER);
        List<String> lines = run.lines();
        String all = String.join("\n", lines);
        assertTrue(lines.contains("STATE : ERROR"), all);
        assertTrue(lines.contains(SwciSession.TASK_FAILED), all);
        String description = lines.stream().filter(l -> l.startsWith("SWOP_PEER_STATUS_DESC : ")).findFirst()
                .orElseThrow(() -> new AssertionError(all));
        assertTrue(description.matches("SWOP_PEER_STATUS_DESC : ML node [01] \\(/bin/sh\\) exited 3, log "
                + "<swop data>/logs/failing_task/ml-[01]\\.log: missing training data"), description);
        assertTrue(lines.contains("SWOP_PEER_STATUS      : ERROR"), all);
    }

    @Test
    @Order(3)
    void resetStopsEveryProcessTheTaskStarted() throws Exception {
        String marker = String.valueOf(100000 + (int) (Math.random() * 800000));
        writeTask("sleeper_task.yaml", runSwarm("sleeper_task", "ROOTTASK", "/bin/sh",
                "-c 'sleep " + marker + "1 & sleep " + marker + "2; wait'", ""));
        ScriptRunner.Outcome run = script(
                "EXIT ON FAILURE OFF",
                "create task from taskdefs/sleeper_task.yaml",
                "finalize task sleeper_task",
                "ASSIGN TASK sleeper_task TO " + RUNNER + " WITH ALL PEERS");
        assertEquals(0, run.failures(), String.join("\n", run.lines()));
        List<Path> pidFiles = List.of(swopData().resolve("runs/sleeper_task/0/ml.pid"),
                swopData().resolve("runs/sleeper_task/1/ml.pid"));
        Await.require(Duration.ofSeconds(90), "both ML programs started",
                () -> pidFiles.stream().allMatch(Files::exists) && sleepers(marker).size() >= 4);
        Thread.sleep(500);
        List<Long> pids = new ArrayList<>();
        for (Path file : pidFiles)
            pids.add(Long.parseLong(Files.readString(file).trim()));
        pids.addAll(sleepers(marker));
        assertTrue(pids.stream().allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)), pids
                .toString());
        List<String> status = session.execute("GET TASKRUNNER STATUS " + RUNNER).lines();
        assertTrue(status.contains("TASK_STATE : RUNNING"), status.toString());

        assertTrue(session.execute("RESET TASKRUNNER " + RUNNER).success());
        Await.require(Duration.ofSeconds(30), "every process of the task stopped", () -> pids.stream()
                .noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)));
        assertEquals(List.of(), sleepers(marker));
        Await.require(Duration.ofSeconds(30), "the run directories removed",
                () -> !Files.exists(swopData().resolve("runs/sleeper_task")));
    }

    /**
     * A second SWOP on another box (no SN there: it reaches the first box's SN with an explicit join token) shares the
     * taskrunner: WITH 1 PEERS runs on one SWOP only, WITH 2 PEERS and WITH ALL PEERS on both.
     */
    @Test
    @Order(4)
    void peerCountsDecideHowManySwopsRunATask() throws IOException {
        Path second = work.resolve("usr2");
        Files.createDirectories(second.resolve("node0"));
        Files.writeString(second.resolve("profile.yaml"), """
                groupname  : swopit2
                taskrunner : %s
                policyuri  : ~
                resourcemgr: { mgrtype: PROCESS }
                apls       : { locator: { host: 127.0.0.1, port: ~ } }
                apisrv     : ~
                envvars    : ~
                nodes:
                  - slnodedef: { idx: 0, identity: ~, slhostname: ~, privatedata: { src: node0, mType: BIND },
                                 slenvvars: ~, usrhostname: ~, usrenvvars: ~ }
                """.formatted(RUNNER));
        writeTask("peers_env_task.yaml", """
                Name: peers_env_task
                TaskType: MAKE_USER_ENV
                Author: swop-it
                Prereq: ROOTTASK
                Outcome: peers-env
                Body:
                  BuildSteps: [ "echo built > built.txt" ]
                """);
        try (KarafInstance other = KarafInstance.builder("swop2")
                .withoutBootFeatures("openswarm-sn", "openswarm-license")
                .config("org.openswarm.license.client", "port", String.valueOf(box.port(KarafInstance.LICENSE)))
                .config("org.openswarm.swop", "profile", second.resolve("profile.yaml").toString())
                .config("org.openswarm.swop", "snPort", String.valueOf(box.port(KarafInstance.SN_API)))
                .config("org.openswarm.swop", "joinToken", box.joinToken())
                .config("org.openswarm.swop", "pollMillis", "300")
                .readyWhen(b -> Files.exists(b.home().resolve("data/openswarm/swop/node-uid")))
                .build().start()) {
            String otherUid = Files.readString(other.home().resolve("data/openswarm/swop/node-uid")).trim();
            swopEnrolled(RUNNER);
            Await.require(Duration.ofSeconds(60), "the second SWOP enrolled",
                    () -> sn.taskRunner(RUNNER).enrolledSwops().contains(otherUid));
            ScriptRunner.Outcome created = script("EXIT ON FAILURE OFF", "RESET TASKRUNNER " + RUNNER,
                    "create task from taskdefs/peers_env_task.yaml", "finalize task peers_env_task");
            assertEquals(0, created.failures(), String.join("\n", created.lines()));
            for (String mode : List.of("WITH 1 PEERS", "WITH 2 PEERS", "WITH ALL PEERS")) {
                ScriptRunner.Outcome run = script("ASSIGN TASK peers_env_task TO " + RUNNER + " " + mode,
                        "WAIT FOR TASKRUNNER " + RUNNER);
                String all = String.join("\n", run.lines()) + "\n" + other.logTail(30);
                assertTrue(run.lines().contains("STATE : COMPLETE"), all);
                int expected = mode.equals("WITH 1 PEERS") ? 1 : 2;
                Await.require(Duration.ofSeconds(5), "the peers settled", () -> sn.taskRunner(RUNNER).peers()
                        .size() == expected);
                Thread.sleep(1000); // a late claim would show now
                var peers = sn.taskRunner(RUNNER).peers();
                assertEquals(expected, peers.size(), mode + ": " + peers);
                assertTrue(peers.stream().allMatch(p -> p.status().name().equals("COMPLETE")), peers.toString());
                assertTrue(session.execute("RESET TASKRUNNER " + RUNNER).success());
            }
            assertTrue(Files.exists(other.home().resolve("data/openswarm/swop/envs/peers-env/built.txt")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The pids of the sleeps that carry {@code marker}, found by their command lines. */
    private static List<Long> sleepers(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("sleep " + marker))
                .orElse(false)).map(ProcessHandle::pid).toList();
    }
}
