package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.RoundCheckin;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.api.ledger.TrainingStatus;
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
        client.claim(runner, swop, 1);
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

    private static final String CONTEXT = "c0".repeat(32);

    private static String hash(String seed) {
        return String.format("%064x", new java.math.BigInteger(1, seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 64);
    }

    private static SwarmException fails(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        SwarmException e = assertThrows(SwarmException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void aFullRoundOverHttp(KarafInstance sn) {
        SnClient client = ready(sn);
        String name = "client.round." + UUID.randomUUID().toString().substring(0, 8);
        client.createContract(name, 600L);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();

        // Enrollment: the first fixes context and minPeers; a replay is a no-op; another context is refused.
        assertEquals(1, client.enroll(name, a, CONTEXT, 2, true).enrolledCount());
        assertEquals(2, client.enroll(name, b, CONTEXT, 2, true).enrolledCount());
        ContractInfo enrolled = client.enroll(name, c, CONTEXT, 2, false);
        assertEquals(3, enrolled.enrolledCount());
        assertEquals(CONTEXT, enrolled.contextHash());
        assertEquals(2, enrolled.minPeers());
        assertEquals(3, client.enroll(name, a, CONTEXT, 2, true).enrolledCount(), "a replay is a no-op");
        SwarmException rejoin = fails(ErrorCode.CONFLICT, () -> client.enroll(name, a, "dd".repeat(32), 2, true));
        assertTrue(rejoin.getMessage().contains("cannot change ML context"), rejoin.getMessage());

        // Round 1: b checks in first and leads; a joins; a replay answers the same round.
        assertEquals(1, client.checkin(name, 1, b, hash("b1"), 40));
        assertEquals(1, client.checkin(name, 1, a, hash("a1"), 60));
        assertEquals(1, client.checkin(name, 1, a, hash("a1"), 60));
        RoundInfo open = client.round(name, 1);
        assertEquals(b, open.leader());
        assertFalse(open.frozen());
        assertEquals(List.of(new RoundCheckin(b, hash("b1"), 40), new RoundCheckin(a, hash("a1"), 60)),
                open.checkins());
        assertTrue(open.leaderDeadline() > 0, "the quorum (minPeers 2) starts the leader's deadline");
        fails(ErrorCode.CONFLICT, () -> client.freeze(name, 1, a, List.of(a, b))); // a is not the leader

        RoundInfo frozen = client.freeze(name, 1, b, List.of(b, a));
        assertTrue(frozen.frozen());
        assertEquals(List.of(b, a), frozen.participants());
        assertTrue(frozen.leaderDeadline() > 0);
        assertEquals(frozen, client.freeze(name, 1, b, List.of(b, a)), "a replay is a no-op");

        // c is late: round 1 is frozen, so its check-in lands in round 2.
        assertEquals(2, client.checkin(name, 1, c, hash("c1"), 10));
        assertEquals(2, client.checkin(name, 1, c, hash("c1"), 10));
        assertFalse(client.round(name, 1).checkedIn(c));
        assertEquals(new RoundCheckin(c, hash("c1"), 10), client.round(name, 2).checkin(c));

        RoundInfo merged = client.publishMerged(name, 1, b, hash("m1"));
        assertEquals(hash("m1"), merged.mergedHash());
        assertEquals(merged, client.publishMerged(name, 1, b, hash("m1")), "a replay is a no-op");
        assertEquals(2, client.contract(name).currentRound());
        fails(ErrorCode.CONFLICT, () -> client.checkin(name, 1, a, hash("a1-late"), 60));

        // PERFDATA and checkout show in the status; the training ends when every node checked out.
        client.reportPerf(name, a, new PerfData(1, 0.5, 0.75, 1, 4));
        client.reportPerf(name, b, new PerfData(1, 0.25, 0.875, 2, 4));
        client.checkout(name, a, CheckoutMode.SNAPSHOT);
        client.checkout(name, a, CheckoutMode.SNAPSHOT);
        client.checkout(name, b, CheckoutMode.ACTIVE);
        ContractStatus status = client.contractStatus(name);
        assertEquals(TrainingStatus.ACTIVE, status.contract().status());
        assertEquals(List.of(a, b, c), status.nodes().stream().map(ContractStatus.NodeState::uid).toList());
        assertEquals(new PerfData(1, 0.5, 0.75, 1, 4), status.nodes().get(0).perf());
        assertEquals(new PerfData(1, 0.25, 0.875, 2, 4), status.nodes().get(1).perf());
        assertEquals(CheckoutMode.SNAPSHOT, status.nodes().get(0).checkoutMode());
        assertEquals(CheckoutMode.ACTIVE, status.nodes().get(1).checkoutMode());
        assertFalse(status.nodes().get(2).closed());
        fails(ErrorCode.CONFLICT, () -> client.checkout(name, a, CheckoutMode.INACTIVE));
        client.checkout(name, c, CheckoutMode.INACTIVE);
        ContractStatus finished = client.contractStatus(name);
        assertEquals(TrainingStatus.FINISHED, finished.contract().status());
        assertEquals(3, finished.contract().closedCount());
    }

    @Test
    void badRoundInputIsRefusedBeforeTheChain(KarafInstance sn) {
        SnClient client = ready(sn);
        String name = "client.bad." + UUID.randomUUID().toString().substring(0, 8);
        client.createContract(name, 600L);
        String a = UUID.randomUUID().toString();
        client.enroll(name, a, CONTEXT, 1, true);
        fails(ErrorCode.BAD_REQUEST, () -> client.round(name, 0));
        fails(ErrorCode.BAD_REQUEST, () -> client.round(name, -1));
        fails(ErrorCode.BAD_REQUEST, () -> client.checkin(name, 0, a, hash("a"), 50));
        fails(ErrorCode.BAD_REQUEST, () -> client.checkin(name, 1, "not-a-uid", hash("a"), 50));
        fails(ErrorCode.BAD_REQUEST, () -> client.checkin(name, 1, a, "abc", 50));
        fails(ErrorCode.BAD_REQUEST, () -> client.checkin(name, 1, a, "zz".repeat(32), 50));
        fails(ErrorCode.BAD_REQUEST, () -> client.checkin(name, 1, a, hash("a"), 0));
        fails(ErrorCode.BAD_REQUEST, () -> client.checkin(name, 1, a, hash("a"), 101));
        fails(ErrorCode.BAD_REQUEST, () -> client.enroll(name, "x", CONTEXT, 1, true));
        fails(ErrorCode.BAD_REQUEST, () -> client.enroll(name, a, "12", 1, true));
        fails(ErrorCode.BAD_REQUEST, () -> client.enroll(name, a, CONTEXT, 0, true));
        fails(ErrorCode.BAD_REQUEST, () -> client.freeze(name, 1, a, List.of()));
        fails(ErrorCode.BAD_REQUEST, () -> client.freeze(name, 1, a, List.of(a, "nope")));
        fails(ErrorCode.BAD_REQUEST, () -> client.freeze(name, 1, a, List.of(a, a)));
        fails(ErrorCode.BAD_REQUEST, () -> client.publishMerged(name, 1, a, "0x12"));
        fails(ErrorCode.BAD_REQUEST, () -> client.failover(name, 1, "nope"));
        fails(ErrorCode.BAD_REQUEST, () -> client.reportPerf(name, a, new PerfData(1, 0.1, 0.2, 5, 4)));
        fails(ErrorCode.NOT_FOUND, () -> client.round("no.such.contract", 1));
        fails(ErrorCode.NOT_FOUND, () -> client.checkin("no.such.contract", 1, a, hash("a"), 50));
        assertEquals(1, client.checkin(name, 1, a, hash("a"), 100), "nothing of the above reached the chain");
    }

    @Test
    void aParticipantTakesOverFromASilentLeader(KarafInstance sn) {
        SnClient client = ready(sn);
        String name = "client.failover." + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(1, client.createContract(name, 1L).leaderTimeoutSeconds());
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String outsider = UUID.randomUUID().toString();
        client.enroll(name, a, CONTEXT, 2, true);
        client.enroll(name, b, CONTEXT, 2, true);
        client.enroll(name, outsider, CONTEXT, 2, true);
        client.checkin(name, 1, a, hash("a"), 50);
        client.checkin(name, 1, b, hash("b"), 50);
        SwarmException unchecked = fails(ErrorCode.CONFLICT, () -> client.failover(name, 1, outsider, a));
        assertTrue(unchecked.getMessage().contains("has not checked in"), unchecked.getMessage());
        client.freeze(name, 1, a, List.of(a, b));
        SwarmException stranger = fails(ErrorCode.CONFLICT, () -> client.failover(name, 1, outsider, a));
        assertTrue(stranger.getMessage().contains("not a participant"), stranger.getMessage());

        // a stays silent: once its deadline has passed, b takes over (a 409 "deadline has not passed" before that).
        Await.require(Duration.ofSeconds(30), "the failover", () -> {
            try {
                return b.equals(client.failover(name, 1, b, a).leader());
            } catch (SwarmException e) {
                if (e.code() != ErrorCode.CONFLICT || !e.getMessage().contains("deadline has not passed"))
                    throw e;
                return false;
            }
        });
        RoundInfo replayed = client.failover(name, 1, b, a);
        assertEquals(b, replayed.leader(), "a replay naming the replaced leader is a no-op");
        fails(ErrorCode.CONFLICT, () -> client.publishMerged(name, 1, a, hash("m")));
        assertEquals(hash("m"), client.publishMerged(name, 1, b, hash("m")).mergedHash());
        assertEquals(2, client.contract(name).currentRound());
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
