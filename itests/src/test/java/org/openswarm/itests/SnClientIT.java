package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.api.sn.NodeRequest;
import org.openswarm.api.sn.NodeType;
import org.openswarm.api.sn.NodeView;
import org.openswarm.api.sn.SnRequests.AssignRequest;
import org.openswarm.api.sn.SnRequests.TaskRequest;
import org.openswarm.common.sn.SnClient;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.FreePorts;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/** The typed SN client (bundles/common) against a real SN: what SL, SWOP and SWCI will call. */
@ExtendWith(SharedInstance.class)
class SnClientIT {
    private static SnClient client(KarafInstance sn) {
        return new SnClient(URI.create(sn.snApiUrl("/")), sn.joinToken(), Duration.ofSeconds(60));
    }

    private static SnClient ready(KarafInstance sn) {
        SnClient client = client(sn);
        Await.require(Duration.ofSeconds(60), "the ledger", () -> {
            try {
                return client.ledger().ledger().healthy() && !client.nodes().isEmpty();
            } catch (SwarmException e) {
                return false;
            }
        });
        return client;
    }

    @Test
    void readinessVersionAndLedger(KarafInstance sn) {
        SnClient client = ready(sn);
        assertEquals("UP", client.isUp().status());
        assertEquals("OpenSwarm", client.version().product());
        assertTrue(client.ledger().ledger().contracts().containsKey("Registry"));
    }

    @Test
    void aNodeRegistersBeatsAndLeaves(KarafInstance sn) {
        SnClient client = ready(sn);
        String uid = UUID.randomUUID().toString();
        NodeView node = client.register(new NodeRequest(uid, NodeType.SWOP, "swop-1", "127.0.0.1", 0, null));
        assertEquals(NodeType.SWOP, node.type());
        client.heartbeat(uid);
        assertTrue(client.node(uid).alive());
        client.deregister(uid);
        assertEquals(false, client.node(uid).active());
    }

    @Test
    void aTaskRunsOnTheDefaultTaskrunner(KarafInstance sn) {
        SnClient client = ready(sn);
        String task = "client-task-" + UUID.randomUUID().toString().substring(0, 8);
        String runner = "client-runner-" + UUID.randomUUID().toString().substring(0, 8);
        client.createTask(new TaskRequest(task, "MAKE_USER_ENV", "it", "ROOTTASK", "env"));
        client.appendTaskBody(task, List.of("BuildSteps:", "  - python3 -m venv env"), null);
        assertEquals(2, client.finalizeTask(task).bodyLineCount());
        assertEquals(List.of("BuildSteps:", "  - python3 -m venv env"), client.taskBody(task));
        assertTrue(client.tasks().contains(task));

        client.createTaskRunner(runner);
        String swop = UUID.randomUUID().toString();
        client.enrollSwop(runner, swop);
        client.assign(runner, new AssignRequest(task, 1, null, null));
        client.claim(runner, swop);
        client.peerStatus(runner, swop, "COMPLETE", "done");
        assertEquals(TaskState.COMPLETE, client.taskRunner(runner).state());
        assertEquals(TaskState.IDLE, client.resetTaskRunner(runner).state());
        assertTrue(client.taskRunners().stream().anyMatch(e -> e.name().equals(runner)));
    }

    @Test
    void contractsByNameWithDots(KarafInstance sn) {
        SnClient client = ready(sn);
        assertEquals("defaultbb.cqdb.sml.hpe", client.contract("defaultbb.cqdb.sml.hpe").name());
        String name = "client.contract." + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(name, client.createContract(name, 60L).name());
        assertEquals(0, client.contractStatus(name).nodes().size());
        assertEquals(name, client.resetContract(name).name());
    }

    @Test
    void failuresComeBackAsTheSnsOwnErrors(KarafInstance sn) {
        SnClient client = ready(sn);
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(SwarmException.class,
                () -> client.task("no-such-task")).code());
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(SwarmException.class,
                () -> new SnClient(URI.create(sn.snApiUrl("/")), "wrong", Duration.ofSeconds(10)).nodes()).code());
        SwarmException down = assertThrows(SwarmException.class,
                () -> new SnClient(URI.create("http://127.0.0.1:" + FreePorts.one()), "t", Duration.ofSeconds(5))
                        .isUp());
        assertEquals(ErrorCode.UNAVAILABLE, down.code());
        assertTrue(down.getMessage().startsWith("Unable to contact API-Server at http://127.0.0.1:"), down.getMessage());
    }
}
