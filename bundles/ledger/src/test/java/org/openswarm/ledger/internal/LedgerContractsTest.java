package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openswarm.ledger.internal.LedgerTestSupport.assertCode;
import static org.openswarm.ledger.internal.LedgerTestSupport.finalizedTask;
import static org.openswarm.ledger.internal.LedgerTestSupport.uid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

/** Training contracts, tasks and taskrunners through the ledger runtime, against a real, supervised anvil. */
class LedgerContractsTest {
    @TempDir
    Path dir;

    private LedgerFixture fixture;
    private Web3Ledger ledger;
    private final java.util.concurrent.atomic.AtomicInteger replayed = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void stop() {
        if (fixture != null)
            fixture.close();
    }

    private void boot() {
        fixture = LedgerFixture.embedded(dir, Long.MAX_VALUE, replayed::addAndGet);
        ledger = fixture.ledger;
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

        fixture.close(); // SIGTERM: anvil writes its state
        boot();
        assertEquals(before, ledger.entries(), "nothing is deployed twice");
        assertEquals(taskRegistry, ledger.info().contracts().get(ContractNames.TASK_REGISTRY));
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

        fixture.supervisor.process().kill();
        Files.copy(before, state, StandardCopyOption.REPLACE_EXISTING);
        fixture.supervisor.check();
        assertTrue(fixture.supervisor.process().isAlive());
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
