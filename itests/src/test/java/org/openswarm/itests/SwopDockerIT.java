package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openswarm.api.SwarmException;
import org.openswarm.api.sn.NodeType;
import org.openswarm.common.sn.SnClient;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.swci.internal.exec.ScriptRunner;
import org.openswarm.swci.internal.exec.SwciSession;

/**
 * A SWOP with a DOCKER profile in the distribution, on a host without a Docker engine (DOCKER_HOST names a socket
 * that does not exist): a task assigned through the SWCI ends ERROR with "docker not available: ..." as its peer
 * description, quickly. This is the only DOCKER check in the itests: no Docker engine runs on the build machines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwopDockerIT {
    private static final String RUNNER = "swop.docker.it.taskrunner";

    private KarafInstance box;
    private Path work;
    private Path socket;

    @BeforeAll
    void boot() throws IOException {
        work = Files.createTempDirectory("swop-docker-it");
        socket = work.resolve("no-docker.sock");
        Files.createDirectories(work.resolve("usr/taskdefs"));
        Files.writeString(work.resolve("usr/profile.yaml"), """
                groupname  : swopdocker
                taskrunner : %s
                policyuri  : ~
                resourcemgr: { mgrtype: DOCKER, accessinfo: { accesstype: FROMENV } }
                network    : swop-it-net
                apls       : { locator: { host: 127.0.0.1, port: ~ } }
                apisrv     : { locator: { host: 127.0.0.1, port: ~, service: ~ } }
                envvars    : ~
                nodes:
                  - slnodedef: { idx: 0, identity: ~, slhostname: sl0, privatedata: ~, slenvvars: ~,
                                 usrhostname: ~, usrenvvars: ~, usrcontaineropts: [ gpus: all ] }
                """.formatted(RUNNER));
        box = KarafInstance.builder("swopdocker")
                .portTo(KarafInstance.SN_API, "org.openswarm.swop", "snPort")
                .config("org.openswarm.swop", "profile", work.resolve("usr/profile.yaml").toString())
                .config("org.openswarm.swop", "pollMillis", "300")
                .build();
        // The Karaf's environment, as the Docker CLI reads it: an engine socket that does not exist.
        Files.writeString(box.home().resolve("bin/setenv"), "\nexport DOCKER_HOST=unix://" + socket + "\n",
                StandardOpenOption.APPEND);
        box.start();
    }

    @AfterAll
    void stop() {
        if (box != null)
            box.close();
    }

    @Test
    void aTaskOnADockerSwopWithoutDockerIsAClearError() throws IOException {
        SnClient sn = new SnClient(URI.create(box.snApiUrl("/")), box.joinToken(), Duration.ofSeconds(60));
        Await.require(Duration.ofSeconds(90), "the SWOP registered", () -> {
            try {
                return sn.nodes().stream().anyMatch(n -> n.type() == NodeType.SWOP && n.alive());
            } catch (SwarmException e) {
                return false;
            }
        });
        String swopUid = sn.nodes().stream().filter(n -> n.type() == NodeType.SWOP).findFirst().orElseThrow().uid();
        Files.writeString(work.resolve("usr/taskdefs/pull.yaml"), """
                Name: pull_task
                TaskType: PULL_IMAGE
                Author: swop-docker-it
                Prereq: ROOTTASK
                Outcome: "busybox:1.36"
                Body: { Tag: "1.36", RepoName: busybox, OrgAndReg: "docker.io/library/", Auth: ~ }
                """);
        SwciSession session = new SwciSession(work.resolve("swci-state"), work, box.joinToken())
                .pollInterval(Duration.ofMillis(300)).maxWait(Duration.ofMinutes(2));
        int port = box.port(KarafInstance.SN_API);
        ScriptRunner.Outcome setup = new ScriptRunner(session).run(List.of(
                "EXIT ON FAILURE",
                "wait for ip 127.0.0.1 " + port + " 10",
                "create context docker-it with ip 127.0.0.1 " + port,
                "switch context docker-it",
                "cd usr",
                "CREATE TASKRUNNER " + RUNNER));
        assertEquals(0, setup.failures(), String.join("\n", setup.lines()));
        Await.require(Duration.ofSeconds(30), "the SWOP enrolled",
                () -> sn.taskRunner(RUNNER).enrolledSwops().contains(swopUid));
        String shown = box.shell("swarm:swop").output();
        assertTrue(shown.contains("(1 node(s), DOCKER)"), shown);

        long start = System.nanoTime();
        ScriptRunner.Outcome run = new ScriptRunner(session).run(List.of(
                "EXIT ON FAILURE OFF",
                "create task from taskdefs/pull.yaml",
                "finalize task pull_task",
                "ASSIGN TASK pull_task TO " + RUNNER + " WITH 1 PEERS",
                "WAIT FOR TASKRUNNER " + RUNNER,
                "GET TASKRUNNER PEER STATUS " + RUNNER + " 0",
                "RESET TASKRUNNER " + RUNNER));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        List<String> lines = run.lines();
        String all = String.join("\n", lines) + "\n--- karaf.log ---\n" + box.logTail(30);
        assertTrue(lines.contains("STATE : ERROR"), all);
        assertTrue(lines.contains("SWOP_PEER_STATUS      : ERROR"), all);
        String description = lines.stream().filter(l -> l.startsWith("SWOP_PEER_STATUS_DESC : ")).findFirst()
                .orElseThrow(() -> new AssertionError(all));
        assertTrue(description.startsWith("SWOP_PEER_STATUS_DESC : docker not available: unix://" + socket
                + " (DOCKER_HOST): "), description);
        assertTrue(box.logTail(200).contains("docker not available: unix://" + socket + " (DOCKER_HOST): no socket at "
                + socket), box.logTail(30));
        assertTrue(seconds < 60, "took " + seconds + " s");
    }
}
