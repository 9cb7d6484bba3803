package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
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
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.ledger.TaskHeader;
import org.openswarm.api.ledger.TaskInfo;
import org.openswarm.api.ledger.TaskRunnerStatus;
import org.openswarm.api.ledger.TaskRunners;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.api.ledger.TrainingStatus;
import org.web3j.crypto.Credentials;

/** Training contracts, tasks and taskrunners through the ledger runtime, against a real, supervised anvil. */
class LedgerContractsTest {
    @TempDir
    Path dir;

    private AnvilSupervisor supervisor;
    private ChainClient chain;
    private Web3Ledger ledger;
    private final java.util.concurrent.atomic.AtomicInteger replayed = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void stop() {
        if (chain != null)
            chain.close();
        if (supervisor != null)
            supervisor.close();
    }

    private void boot() throws IOException {
        AnvilProcess.Settings settings = new AnvilProcess.Settings(ChainFixture.anvilBinary(), dir.resolve("chain"),
                freePort(), 4242, ChainKeys.mnemonic(dir.resolve("chain")));
        supervisor = new AnvilSupervisor(settings, Long.MAX_VALUE, Duration.ofSeconds(30),
                why -> replayed.addAndGet(ledger.replayOutbox()));
        AnvilProcess anvil = supervisor.start();
        chain = new ChainClient(anvil.rpcUrl(), Credentials.create(anvil.privateKey(0)), 4242);
        var addresses = new ContractBootstrap(chain, new DeployedContracts(dir.resolve("contracts.json")))
                .deployOrReuse();
        ledger = new Web3Ledger("embedded", chain, new Outbox(dir.resolve("outbox.jsonl"), Clock.systemUTC(),
                Duration.ofMinutes(10)), addresses, supervisor::problem);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertCode(ErrorCode code, String message, Executable call) {
        SwarmException e = assertThrows(SwarmException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        if (message != null)
            assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    }

    private static String uid() {
        return UUID.randomUUID().toString();
    }

    private void finalizedTask(String name, String... lines) {
        ledger.tasks().create(new TaskHeader(name, TaskType.MAKE_USER_CONTAINER, "tester", "ROOTTASK", "img:1"));
        ledger.tasks().appendBody(name, List.of(lines));
        ledger.tasks().finalize(name);
    }

    @Test
    void theBootstrapDeploysTheDefaultsOnceAndARestartReusesThem() throws Exception {
        boot();
        Map<String, EntryKind> kinds = ledger.entries().stream()
                .collect(Collectors.toMap(DirectoryEntry::name, DirectoryEntry::kind));
        assertEquals(Map.of(ContractNames.TASK_REGISTRY, EntryKind.TASK_REGISTRY, TrainingContracts.DEFAULT,
                EntryKind.TRAINING_CONTRACT, TaskRunners.DEFAULT, EntryKind.TASKRUNNER), kinds);
        assertEquals(List.of(TrainingContracts.DEFAULT),
                ledger.contracts().list().stream().map(DirectoryEntry::name).toList());
        assertEquals(List.of(TaskRunners.DEFAULT),
                ledger.taskRunners().list().stream().map(DirectoryEntry::name).toList());
        ContractInfo info = ledger.contracts().info(TrainingContracts.DEFAULT);
        assertEquals(600, info.leaderTimeoutSeconds());
        assertEquals(1, info.currentRound());
        assertEquals(TrainingStatus.ACTIVE, info.status());
        assertEquals(0, info.enrolledCount());
        TaskRunnerStatus runner = ledger.taskRunners().status(TaskRunners.DEFAULT);
        assertEquals(TaskState.IDLE, runner.state());
        assertNull(runner.currentTask());
        String taskRegistry = ledger.info().contracts().get(ContractNames.TASK_REGISTRY);
        assertNotNull(taskRegistry);
        List<DirectoryEntry> before = ledger.entries();

        chain.close();
        supervisor.close(); // SIGTERM: anvil writes its state
        boot();
        assertEquals(before, ledger.entries(), "nothing is deployed twice");
        assertEquals(taskRegistry, ledger.info().contracts().get(ContractNames.TASK_REGISTRY));
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
        ledger.contracts().checkin("mnist.contract", a, 1, "aa".repeat(32), 50);
        ledger.contracts().checkin("mnist.contract", b, 1, "bb".repeat(32), 50);
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
        finalizedTask("pull", "Tag: 2.7.0");

        String swop1 = uid();
        String swop2 = uid();
        ledger.taskRunners().enrollSwop(runner, swop1);
        ledger.taskRunners().enrollSwop(runner, swop2);
        ledger.taskRunners().enrollSwop(runner, swop1);
        assertEquals(1, ledger.taskRunners().assign(runner, Assignment.withAllPeers("pull")));
        assertCode(ErrorCode.CONFLICT, "TaskRunner: a task is already running",
                () -> ledger.taskRunners().assign(runner, Assignment.withPeers("pull", 1)));
        ledger.taskRunners().claim(runner, swop1);
        ledger.taskRunners().claim(runner, swop2);
        ledger.taskRunners().updatePeerStatus(runner, swop1, TaskState.COMPLETE, "done");
        TaskRunnerStatus running = ledger.taskRunners().status(runner);
        assertEquals(TaskState.RUNNING, running.state());
        assertEquals("pull", running.currentTask());
        assertEquals(2, running.requiredPeers());
        assertEquals(List.of(swop1, swop2), running.enrolledSwops());
        assertEquals(List.of(new TaskRunnerStatus.PeerState(swop1, TaskState.COMPLETE, "done"),
                new TaskRunnerStatus.PeerState(swop2, TaskState.RUNNING, "")), running.peers());
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
                () -> ledger.taskRunners().claim("runner.two", swop2));
        ledger.taskRunners().claim("runner.two", swop1);
        ledger.taskRunners().updatePeerStatus("runner.two", swop1, TaskState.ERROR, "Failed to copy build context");
        assertEquals(TaskState.ERROR, ledger.taskRunners().status("runner.two").state());
        assertEquals(swop1, ledger.taskRunners().status("runner.two").targetUid());
    }

    @Test
    void theOutboxRestoresTaskBodiesAndCreatedContractsAfterAChainLoss() throws Exception {
        boot();
        ledger.tasks().create(new TaskHeader("kept", TaskType.PULL_IMAGE, "me", "ROOTTASK", "img"));
        Thread.sleep(2500); // the bootstrap and the task header are in a state snapshot now
        Path state = dir.resolve("chain/state.json");
        Path before = dir.resolve("state-before-burst.json");
        Files.copy(state, before);

        ledger.tasks().appendBody("kept", List.of("Tag: 2.7.0", "RepoName: tf", "OrgAndReg: hub/", "Auth: ~"));
        ledger.tasks().finalize("kept");
        ledger.tasks().create(new TaskHeader("lost", TaskType.RUN_SWARM, "me", "kept", "lost"));
        ledger.tasks().appendBody("lost", List.of("Command: model/mnist.py"));
        ledger.taskRunners().create("late.runner");
        String swop = uid();
        ledger.taskRunners().enrollSwop("late.runner", swop);
        ledger.taskRunners().assign("late.runner", Assignment.withPeers("kept", 1));
        ledger.contracts().create("late.contract", 45);

        supervisor.process().kill();
        Files.copy(before, state, StandardCopyOption.REPLACE_EXISTING);
        supervisor.check();
        assertTrue(supervisor.process().isAlive());
        // 4 lines, finalize, header, line, runner creation, enrollment, assignment, contract creation
        assertEquals(11, replayed.get(), "every write of the burst is sent again");

        assertEquals(List.of("Tag: 2.7.0", "RepoName: tf", "OrgAndReg: hub/", "Auth: ~"), ledger.tasks().body("kept"));
        assertTrue(ledger.tasks().info("kept").finalized());
        assertEquals(List.of("Command: model/mnist.py"), ledger.tasks().body("lost"));
        TaskRunnerStatus runner = ledger.taskRunners().status("late.runner");
        assertEquals(List.of(swop), runner.enrolledSwops());
        assertEquals(TaskState.RUNNING, runner.state());
        assertEquals("kept", runner.currentTask());
        assertEquals(45, ledger.contracts().info("late.contract").leaderTimeoutSeconds());

        // A second replay (another restart) changes nothing: every write is idempotent or already confirmed.
        ledger.replayOutbox();
        assertEquals(4, ledger.tasks().info("kept").bodyLineCount());
        assertEquals(1, ledger.taskRunners().status("late.runner").assignmentId());
    }
}
