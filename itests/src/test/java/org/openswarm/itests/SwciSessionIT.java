package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openswarm.itests.harness.Names.unique;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.SwarmException;
import org.openswarm.common.sn.SnClient;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;
import org.openswarm.swci.internal.exec.ScriptRunner;
import org.openswarm.swci.internal.exec.SwciSession;
import org.openswarm.swci.internal.exec.SwciSession.Result;

/** The SWCI executor in the test JVM against the distribution's SN: every command family, scripts, and errors. */
@ExtendWith(SharedInstance.class)
class SwciSessionIT {
    @TempDir
    Path dir;

    private static SnClient ready(KarafInstance sn) {
        SnClient client = new SnClient(URI.create(sn.snApiUrl("/")), sn.joinToken(), Duration.ofSeconds(60));
        Await.require(Duration.ofSeconds(60), "the ledger", () -> {
            try {
                return client.ledger().ledger().healthy() && !client.nodes().isEmpty();
            } catch (SwarmException e) {
                return false;
            }
        });
        return client;
    }

    /** A session whose current context is this SN. */
    private SwciSession session(KarafInstance sn) {
        ready(sn);
        SwciSession session = new SwciSession(dir.resolve("state"), dir, sn.joinToken())
                .pollInterval(Duration.ofMillis(200));
        String context = unique("ctx");
        ok(session, "CREATE CONTEXT " + context + " WITH IP 127.0.0.1 " + sn.port(KarafInstance.SN_API));
        ok(session, "SWITCH CONTEXT " + context);
        return session;
    }

    private static List<String> ok(SwciSession session, String command) {
        Result result = session.execute(command);
        assertTrue(result.success(), command + " -> " + result.lines());
        return result.lines();
    }

    private static List<String> fails(SwciSession session, String command) {
        Result result = session.execute(command);
        assertFalse(result.success(), command + " -> " + result.lines());
        assertTrue(result.lines().get(0).startsWith("ERROR "), command + " -> " + result.lines());
        return result.lines();
    }

    private static String env(String name, String... steps) {
        StringBuilder yaml = new StringBuilder("Name: " + name + "\nTaskType: MAKE_USER_ENV\nAuthor: it\n"
                + "Prereq: ROOTTASK\nOutcome: env-" + name + "\nBody:\n  BuildSteps:\n");
        for (String step : steps) {
            yaml.append("    - ").append(step).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void contextsVersionAndNodes(KarafInstance sn) {
        SwciSession session = session(sn);
        String context = session.currentContext().orElseThrow();
        assertTrue(ok(session, "GET CONTEXT VERSION").contains("PRODUCT     : OpenSwarm"));
        List<String> info = ok(session, "GET CONTEXT INFO");
        assertEquals("CONTEXT NAME : " + context, info.get(0));
        assertTrue(ok(session, "LIST CONTEXTS").contains(context + " (current)"));

        List<String> nodes = ok(session, "LIST NODES");
        assertEquals("NodeType,HostIP,Port,ContainerName,UUID,ParentUUID,i-am-alive", nodes.get(0));
        assertTrue(nodes.stream().skip(1).anyMatch(l -> (l.startsWith("SN,") || l.startsWith("SENTINEL,"))), nodes.toString());
        nodes.stream().skip(1).forEach(l -> assertEquals(7, l.split(",", -1).length, l));

        // A restarted SWCI keeps its contexts and the current one.
        SwciSession restarted = new SwciSession(dir.resolve("state"), dir, sn.joinToken());
        assertEquals(context, restarted.currentContext().orElseThrow());
        assertTrue(ok(restarted, "GET CONTEXT VERSION").contains("PRODUCT     : OpenSwarm"));
        assertEquals(List.of("API Server is UP!"), ok(session, "WAIT FOR IP 127.0.0.1 " + sn.port(KarafInstance.SN_API) + " 2"));
    }

    @Test
    void contracts(KarafInstance sn) {
        SwciSession session = session(sn);
        String contract = unique("swci.contract");
        assertEquals(List.of("CONTRACT CREATED : " + contract), ok(session, "CREATE CONTRACT " + contract));
        List<String> contracts = ok(session, "LIST CONTRACTS");
        assertTrue(contracts.contains(contract) && contracts.contains("defaultbb.cqdb.sml.hpe"), contracts.toString());
        List<String> info = ok(session, "GET CONTRACT INFO " + contract);
        assertEquals("NAME            : " + contract, info.get(0));
        assertTrue(info.contains("STATUS          : ACTIVE"), info.toString());
        assertTrue(ok(session, "GET CONTRACT STATUS " + contract).contains("ENROLLED        : 0"));

        // PERFDATA shows what the SLs reported.
        SnClient client = ready(sn);
        String node = UUID.randomUUID().toString();
        client.enroll(contract, node, "c0".repeat(32), 1, true);
        client.reportPerf(contract, node, new org.openswarm.api.ledger.PerfData(3, 0.5, 0.875, 2, 4));
        List<String> perf = ok(session, "PERFDATA " + contract);
        assertTrue(perf.get(0).startsWith("UID") && perf.get(0).contains("LOSS"), perf.toString());
        assertTrue(perf.get(1).startsWith(node) && perf.get(1).contains("0.500000")
                && perf.get(1).contains("0.875000") && perf.get(1).endsWith("2/4"), perf.toString());

        assertEquals(List.of("CONTRACT RESET : " + contract), ok(session, "RESET CONTRACT " + contract));
        assertTrue(fails(session, "CREATE CONTRACT " + contract).get(0).contains(contract));
        fails(session, "GET CONTRACT INFO " + unique("nothing"));
    }

    @Test
    void aTaskFromYamlRunsOnAFreshTaskrunner(KarafInstance sn) throws IOException {
        SwciSession session = session(sn).maxWait(Duration.ofSeconds(2));
        String task = unique("swci_env");
        String runner = unique("swci.tr");
        Files.createDirectories(dir.resolve("usr/taskdefs"));
        Files.writeString(dir.resolve("usr/taskdefs/" + task + ".yaml"),
                env(task, "python3 -m venv env", "env/bin/pip install numpy  # a comment stays in the step"));
        ok(session, "CD usr");

        assertEquals(List.of("Task definition is valid", "Task Registered : " + task),
                ok(session, "CREATE TASK FROM taskdefs/" + task + ".yaml"));
        List<String> info = ok(session, "GET TASK INFO " + task);
        assertTrue(info.contains("TASK TYPE  : MAKE_USER_ENV") && info.contains("FINALIZED  : false"),
                info.toString());
        List<String> body = ok(session, "GET TASK BODY " + task);
        assertEquals("0000: ---", body.get(0));
        assertTrue(body.stream().anyMatch(l -> l.contains("python3 -m venv env")), body.toString());
        assertEquals(List.of("Task Finalized : " + task), ok(session, "FINALIZE TASK " + task));
        assertTrue(ok(session, "LIST TASKS").contains(task));
        assertTrue(fails(session, "DELETE TASK " + task).get(0).contains("finalized"));

        assertEquals(List.of("TASKRUNNER CREATED : " + runner), ok(session, "CREATE TASKRUNNER " + runner));
        assertTrue(ok(session, "LIST TASKRUNNERS").contains(runner));
        assertTrue(ok(session, "GET TASKRUNNER STATUS " + runner).contains("TASK_STATE : IDLE"));
        assertEquals(List.of("Task assigned to TaskRunner"),
                ok(session, "ASSIGN TASK " + task + " TO " + runner + " WITH 1 PEERS"));
        List<String> status = ok(session, "GET TASKRUNNER STATUS " + runner);
        assertTrue(status.contains("TASK_STATE : RUNNING") && status.contains("STATE : RUNNING")
                && status.contains("TASK_NAME       : " + task) && status.contains("PEER_TYPE       : SWOP"),
                status.toString());
        assertTrue(ok(session, "GET TASKRUNNER INFO " + runner).contains("CURRENT TASK   : " + task));
        assertTrue(fails(session, "ASSIGN TASK " + task + " TO " + runner + " WITH 1 PEERS").get(0)
                .contains("already running"));

        // No SWOP exists yet: the task stays RUNNING and the wait runs out.
        List<String> waited = ok(session, "WAIT FOR TASKRUNNER " + runner);
        assertEquals("WAITING FOR TASKRUNNER TO COMPLETE - Maximum wait time is : 2 secs", waited.get(0));
        assertTrue(waited.get(1).matches("#+"), waited.toString());
        assertTrue(waited.contains(SwciSession.MAX_WAIT_WARNING), waited.toString());

        // A SWOP (played by the typed client) enrolls, claims and completes: the wait ends.
        SnClient client = ready(sn);
        String swop = UUID.randomUUID().toString();
        client.enrollSwop(runner, swop);
        assertEquals(List.of(swop), ok(session, "LIST TASKRUNNER PEERS " + runner));
        client.claim(runner, swop, 1);
        List<String> peer = ok(session, "GET TASKRUNNER PEER STATUS " + runner + " 0");
        assertTrue(peer.contains("SWOP_UID              : " + swop) && peer.contains("SWOP_PEER_STATUS      : RUNNING"),
                peer.toString());
        assertEquals(peer, ok(session, "GET TASKRUNNER PEER STATUS " + runner + " " + swop));
        fails(session, "GET TASKRUNNER PEER STATUS " + runner + " 1");
        client.peerStatus(runner, swop, "COMPLETE", "env built");
        List<String> finished = ok(session, "WAIT FOR TASKRUNNER " + runner + " 1");
        assertEquals("WAITING FOR TASKRUNNER TO COMPLETE - Maximum wait time is : 1 mins", finished.get(0));
        assertTrue(finished.contains("TASKRUNNER FINISHED") && finished.contains("STATE : COMPLETE"),
                finished.toString());
        assertTrue(ok(session, "GET TASKRUNNER PEER STATUS " + runner + " 0")
                .contains("SWOP_PEER_STATUS_DESC : env built"));

        assertEquals(List.of("TASKRUNNER RESET : " + runner), ok(session, "RESET TASKRUNNER " + runner));
        assertTrue(ok(session, "GET TASKRUNNER STATUS " + runner).contains("TASK_STATE : IDLE"));

        // A failing peer: the wait ends with the reference's error line.
        ok(session, "ASSIGN TASK " + task + " TO " + runner + " TARGET " + swop);
        client.claim(runner, swop, 1);
        client.peerStatus(runner, swop, "ERROR", "Failed to copy build context");
        Result waitFailed = session.execute("WAIT FOR TASKRUNNER " + runner);
        assertFalse(waitFailed.success());
        List<String> failed = waitFailed.lines();
        assertTrue(failed.contains("STATE : ERROR") && failed.contains(SwciSession.TASK_FAILED), failed.toString());
        ok(session, "RESET TASKRUNNER " + runner);
        ok(session, "ASSIGN TASK " + task + " TO " + runner + " WITH ALL PEERS");
    }

    @Test
    void aTaskFromItsHeaderAndAppendedLines(KarafInstance sn) {
        SwciSession session = session(sn);
        String task = unique("swci_hdr");
        assertEquals(List.of("Task Registered : " + task),
                ok(session, "CREATE TASK MAKE_USER_ENV " + task + " it ROOTTASK env"));
        ok(session, "APPEND TASK BODY " + task + " 1 BuildSteps:");
        ok(session, "APPEND TASK BODY " + task + " 2   - echo hi # kept");
        assertEquals(List.of("0000: ---", "0001: BuildSteps:", "0002:   - echo hi # kept"),
                ok(session, "GET TASK BODY " + task));
        fails(session, "APPEND TASK BODY " + task + " 7 gap");
        fails(session, "ASSIGN TASK " + task + " TO defaulttaskbb.taskdb.sml.hpe WITH 1 PEERS");
        assertEquals(List.of("Task Deleted : " + task), ok(session, "DELETE TASK " + task));
        assertFalse(ok(session, "LIST TASKS").contains(task));
        fails(session, "GET TASK INFO " + task);
    }

    @Test
    void malformedCommandsAndInvalidTaskFilesChangeNothing(KarafInstance sn) throws IOException {
        SwciSession session = session(sn);
        List<String> tasksBefore = ok(session, "LIST TASKS");
        List<String> runnersBefore = ok(session, "LIST TASKRUNNERS");

        String task = unique("swci_bad");
        Files.writeString(dir.resolve("bad.yaml"), env(task, "x".repeat(161)).replace("Author: it\n", ""));
        List<String> invalid = fails(session, "CREATE TASK FROM bad.yaml");
        assertEquals("ERROR : Task definition bad.yaml is invalid:", invalid.get(0));
        assertTrue(invalid.contains("$.Author: required field is missing"), invalid.toString());
        assertTrue(invalid.contains("$.Body.BuildSteps[0]: longer than 160 characters"), invalid.toString());
        Files.writeString(dir.resolve("broken.yaml"), "Name: [unclosed\n");
        assertTrue(fails(session, "CREATE TASK FROM broken.yaml").stream().anyMatch(l -> l.contains("malformed YAML")));
        fails(session, "CREATE TASK FROM missing.yaml");
        fails(session, "GET TASK INFO " + task);

        for (String bad : List.of("ASSIGN TASK t TO tr WITH PEERS", "CREATE TASK FLY x a b c", "FLY AWAY",
                "CREATE TASKRUNNER", "WAIT FOR TASKRUNNER tr soon", "APPEND TASK BODY t x line")) {
            fails(session, bad);
        }
        fails(session, "CREATE TASKRUNNER defaulttaskbb.taskdb.sml.hpe");
        fails(session, "GET TASKRUNNER STATUS " + unique("nothing"));
        assertEquals(tasksBefore, ok(session, "LIST TASKS"));
        assertEquals(runnersBefore, ok(session, "LIST TASKRUNNERS"));
    }

    @Test
    void theInitScriptRunsUntilItsFirstWait(KarafInstance sn) throws IOException {
        ready(sn);
        String context = unique("test-mnist");
        String task = unique("user_env_build_task");
        String runner = unique("swci.init.tr");
        Files.createDirectories(dir.resolve("usr/taskdefs"));
        Files.writeString(dir.resolve("usr/taskdefs/user_env_build_task.yaml"),
                env(task, "python3 -m venv env", "env/bin/pip install -r requirements.txt"));
        SwciSession session = new SwciSession(dir.resolve("state"), dir, sn.joinToken()).maxWait(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(200)).retryInterval(Duration.ofMillis(200));
        ScriptRunner.Outcome outcome = new ScriptRunner(session).run(List.of(
                "EXIT ON FAILURE",
                "wait for ip 127.0.0.1 " + sn.port(KarafInstance.SN_API) + " 5      # poll the SN API server",
                "create context " + context + " with ip 127.0.0.1 " + sn.port(KarafInstance.SN_API),
                "switch context " + context,
                "EXIT ON FAILURE OFF",
                "cd usr",
                "create task from taskdefs/user_env_build_task.yaml   # validate YAML, register",
                "finalize task " + task,
                "CREATE TASKRUNNER " + runner,
                "RESET TASKRUNNER " + runner,
                "ASSIGN TASK " + task + " TO " + runner + " WITH 1 PEERS",
                "WAIT FOR TASKRUNNER " + runner,
                "EXIT",
                "LIST CONTRACTS"));
        assertEquals(0, outcome.failures(), String.join("\n", outcome.lines()));
        assertTrue(outcome.exited());
        List<String> lines = outcome.lines();
        assertTrue(lines.contains("CONTEXT CREATED : " + context), lines.toString());
        assertTrue(lines.contains("Task Registered : " + task), lines.toString());
        assertTrue(lines.contains("Task assigned to TaskRunner"), lines.toString());
        assertEquals(SwciSession.MAX_WAIT_WARNING, lines.get(lines.size() - 3), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("LIST CONTRACTS")), "nothing runs after EXIT");

        // The same start with EXIT ON FAILURE left on stops at the first failure.
        ScriptRunner.Outcome stopped = new ScriptRunner(session).run(List.of("EXIT ON FAILURE",
                "create task from taskdefs/user_env_build_task.yaml", "LIST TASKS"));
        assertTrue(stopped.lines().contains("ERROR : task already exists: " + task), stopped.lines().toString());
        assertEquals(1, stopped.failures());
        assertEquals(2, stopped.stoppedAtLine());
        assertFalse(stopped.lines().stream().anyMatch(l -> l.endsWith("> LIST TASKS")));
    }
}
