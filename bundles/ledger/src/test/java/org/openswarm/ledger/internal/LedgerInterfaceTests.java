package org.openswarm.ledger.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Assignment;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.EntryKind;
import org.openswarm.api.ledger.NodeRecord;
import org.openswarm.api.ledger.NodeRegistration;
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.RoundCheckin;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.ledger.TaskHeader;
import org.openswarm.api.ledger.TaskInfo;
import org.openswarm.api.ledger.TaskRunnerStatus;
import org.openswarm.api.ledger.TaskRunners;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.api.ledger.TrainingStatus;
import org.openswarm.api.sn.NodeType;
import org.web3j.crypto.Credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openswarm.ledger.internal.LedgerTestSupport.assertCode;
import static org.openswarm.ledger.internal.LedgerTestSupport.finalizedTask;
import static org.openswarm.ledger.internal.LedgerTestSupport.uid;
import org.junit.jupiter.api.AfterEach;

/**
 * What every ledger backend must do, run against each of them: {@link EmbeddedLedgerTest} (a supervised anvil on this
 * box) and {@link RpcLedgerTest} (an external JSON-RPC node with a key file).
 */
abstract class LedgerInterfaceTests {
    @TempDir
    Path dir;

    private LedgerFixture fixture;
    ChainClient chain;
    Web3Ledger ledger;

    /** The backend under test, on a fresh chain in {@code dir}. */
    abstract LedgerFixture start(Path dir);

    void boot() {
        fixture = start(dir);
        chain = fixture.chain;
        ledger = fixture.ledger;
    }

    @AfterEach
    void stop() {
        if (fixture != null)
            fixture.close();
    }

    private static NodeRegistration sl(String uid, String parent, int port) {
        return new NodeRegistration(uid, NodeType.SL, "sl-" + port, "127.0.0.1", port, parent, null, null);
    }

    @Test
    void registersListsAndStampsNodes() throws Exception {
        boot();
        String sn = UUID.randomUUID().toString();
        String sl = UUID.randomUUID().toString();
        String fingerprint = "ab".repeat(32);
        ledger.registerNode(new NodeRegistration(sn, NodeType.SENTINEL, "sentinel", "10.0.0.1", 30304, null,
                fingerprint, chain.address()));
        ledger.registerNode(sl(sl, sn, 30305));
        ledger.heartbeat(List.of(sn, sl));

        List<NodeRecord> nodes = ledger.nodes();
        assertEquals(List.of(sn, sl), nodes.stream().map(NodeRecord::uid).toList());
        NodeRecord sentinel = nodes.get(0);
        assertEquals(NodeType.SENTINEL, sentinel.type());
        assertEquals("10.0.0.1", sentinel.host());
        assertEquals(30304, sentinel.port());
        assertNull(sentinel.parentUid());
        assertEquals(fingerprint, sentinel.fingerprint());
        assertTrue(sentinel.account().equalsIgnoreCase(chain.address()));
        assertEquals(sn, ledger.node(sl).orElseThrow().parentUid());
        assertFalse(ledger.node(UUID.randomUUID().toString()).isPresent());

        var info = ledger.info();
        assertTrue(info.healthy(), info.detail());
        assertEquals(4242, info.chainId());
        assertTrue(info.blockHeight() > 0);
    }

    @Test
    void refusalsCarryTheContractsReason() throws Exception {
        boot();
        SwarmException e = assertThrows(SwarmException.class,
                () -> ledger.heartbeat(List.of(UUID.randomUUID().toString())));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("Registry: heartbeat for an unknown node", e.getMessage());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(SwarmException.class,
                () -> ledger.registerNode(sl("not-a-uuid", null, 1))).code());
    }

    @Test
    void directoryRoundTrip() throws Exception {
        boot();
        String address = "0x00000000000000000000000000000000000000aa";
        ledger.registerEntry("some.runner", EntryKind.TASKRUNNER, address);
        assertTrue(ledger.entries().contains(new DirectoryEntry("some.runner", EntryKind.TASKRUNNER, address)));
    }

    @Test
    void trainingContractsAreCreatedReadAndReset() throws Exception {
        boot();
        ContractInfo created = ledger.contracts().create("mnist.contract", 30);
        assertEquals("mnist.contract", created.name());
        assertEquals(30, created.leaderTimeoutSeconds());
        assertTrue(created.address().matches("0x[0-9a-fA-F]{40}"));
        assertEquals(List.of(TrainingContracts.DEFAULT, "mnist.contract"),
                ledger.contracts().list().stream().map(DirectoryEntry::name).toList());
        assertCode(ErrorCode.CONFLICT, "training contract already exists",
                () -> ledger.contracts().create("mnist.contract"));
        assertCode(ErrorCode.CONFLICT, "already exists", () -> ledger.contracts().create(TaskRunners.DEFAULT));
        assertCode(ErrorCode.BAD_REQUEST, "too long", () -> ledger.contracts().create("x".repeat(161)));
        assertCode(ErrorCode.BAD_REQUEST, null, () -> ledger.contracts().create("c", 0));
        assertCode(ErrorCode.NOT_FOUND, null, () -> ledger.contracts().info("no.such.contract"));
        assertCode(ErrorCode.NOT_FOUND, null, () -> ledger.contracts().info(TaskRunners.DEFAULT));

        String a = uid();
        String b = uid();
        String context = "11".repeat(32);
        ledger.contracts().enroll("mnist.contract", a, context, 2, true);
        ledger.contracts().enroll("mnist.contract", b, context, 2, false);
        assertCode(ErrorCode.CONFLICT, "TrainingContract: ML context differs",
                () -> ledger.contracts().enroll("mnist.contract", uid(), "22".repeat(32), 2, true));
        assertEquals(1, ledger.contracts().checkin("mnist.contract", a, 1, "aa".repeat(32), 50));
        assertEquals(1, ledger.contracts().checkin("mnist.contract", b, 1, "bb".repeat(32), 50));
        ledger.contracts().freeze("mnist.contract", a, 1, List.of(a, b));
        ledger.contracts().publishMerged("mnist.contract", a, 1, "cc".repeat(32));
        RoundInfo round = ledger.contracts().round("mnist.contract", 1);
        assertEquals(a, round.leader());
        assertEquals(List.of(a, b), round.participants());
        assertEquals("cc".repeat(32), round.mergedHash());
        ledger.contracts().reportPerf("mnist.contract", a, new PerfData(1, 0.25, 0.875, 2, 5));
        ledger.contracts().checkout("mnist.contract", b, CheckoutMode.INACTIVE);

        ContractStatus status = ledger.contracts().status("mnist.contract");
        assertEquals(2, status.contract().currentRound());
        assertEquals(2, status.contract().minPeers());
        assertEquals(2, status.contract().enrolledCount());
        assertEquals(context, status.contract().contextHash());
        ContractStatus.NodeState first = status.nodes().get(0);
        assertEquals(a, first.uid());
        assertTrue(first.eligibleLeader());
        assertFalse(first.closed());
        assertEquals(new PerfData(1, 0.25, 0.875, 2, 5), first.perf());
        ContractStatus.NodeState second = status.nodes().get(1);
        assertEquals(b, second.uid());
        assertTrue(second.closed());
        assertEquals(CheckoutMode.INACTIVE, second.checkoutMode());
        assertNull(second.perf());

        ledger.contracts().reset("mnist.contract");
        ContractInfo reset = ledger.contracts().info("mnist.contract");
        assertEquals(0, reset.enrolledCount());
        assertEquals(1, reset.currentRound());
        assertNull(reset.contextHash());
    }

    @Test
    void roundsCarryCheckinDetailsAndALateCheckinLandsInTheNextRound() throws Exception {
        boot();
        String name = "rounds.contract";
        ledger.contracts().create(name, 30);
        String a = uid();
        String b = uid();
        String c = uid();
        String context = "11".repeat(32);
        ledger.contracts().enroll(name, a, context, 2, true);
        ledger.contracts().enroll(name, b, context, 2, true);
        ledger.contracts().enroll(name, c, context, 2, false);

        assertEquals(1, ledger.contracts().checkin(name, b, 1, "bb".repeat(32), 30));
        assertEquals(1, ledger.contracts().checkin(name, a, 1, "aa".repeat(32), 70));
        assertEquals(1, ledger.contracts().checkin(name, a, 1, "aa".repeat(32), 70), "a replay is a no-op");
        assertCode(ErrorCode.CONFLICT, "already checked in for this round",
                () -> ledger.contracts().checkin(name, a, 1, "ab".repeat(32), 70));
        RoundInfo open = ledger.contracts().round(name, 1);
        assertEquals(b, open.leader(), "the first eligible check-in leads");
        assertFalse(open.frozen());
        assertEquals(List.of(new RoundCheckin(b, "bb".repeat(32), 30), new RoundCheckin(a, "aa".repeat(32), 70)),
                open.checkins());
        assertTrue(open.checkedIn(a));
        assertFalse(open.checkedIn(c));
        assertEquals(new RoundCheckin(a, "aa".repeat(32), 70), open.checkin(a));
        assertNull(open.checkin(c));
        assertTrue(open.leaderDeadline() > 0, "the quorum (minPeers 2) starts the leader's deadline");

        ledger.contracts().freeze(name, b, 1, List.of(b, a));
        // c comes late: round 1 is frozen, so its check-in goes to round 2, and a replay says so again.
        assertEquals(2, ledger.contracts().checkin(name, c, 1, "cc".repeat(32), 10));
        assertEquals(2, ledger.contracts().checkin(name, c, 1, "cc".repeat(32), 10));
        RoundInfo frozen = ledger.contracts().round(name, 1);
        assertTrue(frozen.frozen());
        assertEquals(List.of(b, a), frozen.participants());
        assertFalse(frozen.checkedIn(c));
        assertTrue(frozen.leaderDeadline() > 0);
        RoundInfo next = ledger.contracts().round(name, 2);
        assertEquals(List.of(new RoundCheckin(c, "cc".repeat(32), 10)), next.checkins());
        assertNull(next.leader(), "c is not eligible as leader");
        assertEquals(2, ledger.contracts().checkin(name, a, 2, "a2".repeat(32), 70), "the next round directly");

        ledger.contracts().publishMerged(name, b, 1, "dd".repeat(32));
        assertEquals(2, ledger.contracts().info(name).currentRound());
        assertEquals(a, ledger.contracts().round(name, 2).leader());
        assertCode(ErrorCode.CONFLICT, "round already merged",
                () -> ledger.contracts().checkin(name, c, 1, "c1".repeat(32), 10));
        assertCode(ErrorCode.BAD_REQUEST, null, () -> ledger.contracts().checkin(name, b, 0, "bb".repeat(32), 30));
        assertCode(ErrorCode.BAD_REQUEST, null, () -> ledger.contracts().checkin(name, b, 2, "bb".repeat(32), 0));
        assertCode(ErrorCode.BAD_REQUEST, null, () -> ledger.contracts().checkin(name, b, 2, "bb".repeat(32), 101));
    }

    @Test
    void tasksAreCreatedAppendedFinalizedAndDeleted() throws Exception {
        boot();
        TaskHeader header = new TaskHeader("build.task", TaskType.MAKE_USER_CONTAINER, "HPE", "ROOTTASK", "img:1");
        ledger.tasks().create(header);
        ledger.tasks().create(header); // the same header again is a no-op
        assertCode(ErrorCode.CONFLICT, "TaskRegistry: task already exists", () -> ledger.tasks()
                .create(new TaskHeader("build.task", TaskType.RUN_SWARM, "HPE", "ROOTTASK", "img:1")));
        assertEquals(2, ledger.tasks().appendBody("build.task", List.of("BuildContext: sl-cli-lib", "BuildType: INLINE")));
        assertEquals(3, ledger.tasks().appendBody("build.task", List.of("BuildSteps:")));
        assertEquals(3, ledger.tasks().appendBody("build.task", 0, List.of("BuildContext: sl-cli-lib")),
                "a line already there is skipped");
        assertCode(ErrorCode.CONFLICT, "another text",
                () -> ledger.tasks().appendBody("build.task", 1, List.of("BuildType: REMOTE")));
        assertCode(ErrorCode.CONFLICT, "out of order", () -> ledger.tasks().appendBody("build.task", 7, List.of("x")));
        assertCode(ErrorCode.BAD_REQUEST, "too long",
                () -> ledger.tasks().appendBody("build.task", List.of("y".repeat(161))));
        assertEquals(List.of("BuildContext: sl-cli-lib", "BuildType: INLINE", "BuildSteps:"),
                ledger.tasks().body("build.task"));

        TaskInfo info = ledger.tasks().info("build.task");
        assertEquals(header, info.header());
        assertFalse(info.finalized());
        assertEquals(3, info.bodyLineCount());
        ledger.tasks().finalize("build.task");
        ledger.tasks().finalize("build.task");
        assertTrue(ledger.tasks().info("build.task").finalized());
        assertCode(ErrorCode.CONFLICT, "TaskRegistry: task is finalized",
                () -> ledger.tasks().appendBody("build.task", List.of("more")));
        assertCode(ErrorCode.CONFLICT, "TaskRegistry: a finalized task cannot be deleted",
                () -> ledger.tasks().delete("build.task"));

        ledger.tasks().create(new TaskHeader("broken", TaskType.PULL_IMAGE, "me", "ROOTTASK", "x"));
        assertEquals(List.of("build.task", "broken"), ledger.tasks().list());
        ledger.tasks().delete("broken");
        assertEquals(List.of("build.task"), ledger.tasks().list());
        assertCode(ErrorCode.NOT_FOUND, null, () -> ledger.tasks().info("broken"));
        assertCode(ErrorCode.NOT_FOUND, null, () -> ledger.tasks().body("nothing"));
        assertCode(ErrorCode.NOT_FOUND, null, () -> ledger.tasks().appendBody("nothing", List.of("a")));
        assertCode(ErrorCode.NOT_FOUND, null, () -> ledger.tasks().finalize("nothing"));
    }

    @Test
    void aTaskRunsOnATaskrunnerUntilEveryPeerIsComplete() throws Exception {
        boot();
        ledger.tasks().create(new TaskHeader("open", TaskType.RUN_SWARM, "me", "ROOTTASK", "open"));
        String runner = TaskRunners.DEFAULT;
        assertCode(ErrorCode.CONFLICT, "TaskRunner: task is not finalized",
                () -> ledger.taskRunners().assign(runner, Assignment.withPeers("open", 1)));
        assertCode(ErrorCode.NOT_FOUND, null,
                () -> ledger.taskRunners().assign(runner, Assignment.withPeers("missing", 1)));
        assertCode(ErrorCode.BAD_REQUEST, null,
                () -> ledger.taskRunners().assign(runner, new Assignment("open", 1, true, null)));
        assertCode(ErrorCode.NOT_FOUND, null, () -> ledger.taskRunners().status("no.runner"));
        finalizedTask(ledger, "pull", "Tag: 2.7.0");

        String swop1 = uid();
        String swop2 = uid();
        ledger.taskRunners().enrollSwop(runner, swop1);
        ledger.taskRunners().enrollSwop(runner, swop2);
        ledger.taskRunners().enrollSwop(runner, swop1);
        assertEquals(1, ledger.taskRunners().assign(runner, Assignment.withAllPeers("pull")));
        assertCode(ErrorCode.CONFLICT, "TaskRunner: a task is already running",
                () -> ledger.taskRunners().assign(runner, Assignment.withPeers("pull", 1)));
        ledger.taskRunners().claim(runner, swop1, 1);
        ledger.taskRunners().claim(runner, swop2, 1);
        ledger.taskRunners().updatePeerStatus(runner, swop1, TaskState.COMPLETE, "done");
        TaskRunnerStatus running = ledger.taskRunners().status(runner);
        assertEquals(TaskState.RUNNING, running.state());
        assertEquals("pull", running.currentTask());
        assertEquals(2, running.requiredPeers());
        assertEquals(List.of(swop1, swop2), running.enrolledSwops());
        assertFalse(running.countsPairs(), "with all peers each SWOP counts 1");
        assertEquals(List.of(new TaskRunnerStatus.PeerState(swop1, TaskState.COMPLETE, "done", 1),
                new TaskRunnerStatus.PeerState(swop2, TaskState.RUNNING, "", 1)), running.peers());
        ledger.taskRunners().updatePeerStatus(runner, swop2, TaskState.COMPLETE, "done too");
        assertEquals(TaskState.COMPLETE, ledger.taskRunners().status(runner).state());

        ledger.taskRunners().reset(runner);
        TaskRunnerStatus reset = ledger.taskRunners().status(runner);
        assertEquals(TaskState.IDLE, reset.state());
        assertEquals(List.of(), reset.peers());
        assertEquals(2, reset.enrolledSwops().size());

        TaskRunnerStatus created = ledger.taskRunners().create("runner.two");
        assertEquals(TaskState.IDLE, created.state());
        assertCode(ErrorCode.CONFLICT, "taskrunner already exists", () -> ledger.taskRunners().create("runner.two"));
        ledger.taskRunners().enrollSwop("runner.two", swop1);
        ledger.taskRunners().enrollSwop("runner.two", swop2);
        assertEquals(1, ledger.taskRunners().assign("runner.two", Assignment.targeting("pull", swop1)));
        assertCode(ErrorCode.CONFLICT, "TaskRunner: the task is targeted at another SWOP",
                () -> ledger.taskRunners().claim("runner.two", swop2, 1));
        ledger.taskRunners().claim("runner.two", swop1, 1);
        ledger.taskRunners().updatePeerStatus("runner.two", swop1, TaskState.ERROR, "Failed to copy build context");
        assertEquals(TaskState.ERROR, ledger.taskRunners().status("runner.two").state());
        assertEquals(swop1, ledger.taskRunners().status("runner.two").targetUid());
    }
}
