package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openswarm.ledger.internal.ChainFixture.assertReverts;
import static org.openswarm.ledger.internal.ChainFixture.id;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openswarm.ledger.internal.contracts.Registry;
import org.openswarm.ledger.internal.contracts.TaskRegistry;
import org.openswarm.ledger.internal.contracts.TaskRunner;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple4;

/** Every function, event and revert of TaskRunner.sol, against a real anvil. */
class TaskRunnerContractTest extends ContractTestSupport {
    private static final String NAME = "defaulttaskbb.taskdb.sml.hpe";
    private static final String TASK = "build_task";
    private static final String DRAFT = "draft_task";
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final byte[] NONE = new byte[32];
    /** A claim of one pair (or one SWOP). */
    private static final BigInteger ONE = BigInteger.ONE;
    private static final BigInteger IDLE = BigInteger.ZERO;
    private static final BigInteger RUNNING = BigInteger.ONE;
    private static final BigInteger COMPLETE = BigInteger.TWO;
    private static final BigInteger ERROR = BigInteger.valueOf(3);

    String registry;
    String taskRegistry;
    TaskRunner asSn;
    TaskRunner asStranger;

    @BeforeEach
    void deploy() throws Exception {
        registry = Registry.deploy(chain.web3, chain.signer(0), chain.gas).send().getContractAddress();
        TaskRegistry tasks = TaskRegistry.deploy(chain.web3, chain.signer(0), chain.gas, registry).send();
        tasks.createTask(TASK, BigInteger.ZERO, "HPE-TEST", "ROOTTASK", "user-env-img").send();
        tasks.appendBody(TASK, BigInteger.ZERO, "BuildContext: sl-cli-lib").send();
        tasks.finalize(TASK).send();
        tasks.createTask(DRAFT, BigInteger.ZERO, "HPE-TEST", "ROOTTASK", "img").send();
        taskRegistry = tasks.getContractAddress();
        asSn = TaskRunner.deploy(chain.web3, chain.signer(0), chain.gas, NAME, registry, taskRegistry).send();
        asStranger = TaskRunner.load(asSn.getContractAddress(), chain.web3, chain.signer(3), chain.gas);
    }

    private static BigInteger n(long value) {
        return BigInteger.valueOf(value);
    }

    private void enroll(int... swops) throws Exception {
        for (int swop : swops)
            asSn.enrollSwop(id(swop)).send();
    }

    private TransactionReceipt assignPeers(int peers) throws Exception {
        return asSn.assignTask(TASK, n(peers), false, NONE).send();
    }

    private TransactionReceipt status(int swop, BigInteger status, String description) throws Exception {
        return asSn.updatePeerStatus(id(swop), status, description).send();
    }

    @Test
    void deploysIdle() throws Exception {
        assertEquals(NAME, asSn.name().send());
        assertEquals(registry, asSn.registry().send());
        assertEquals(taskRegistry, asSn.taskRegistry().send());
        assertEquals(IDLE, asSn.state().send());
        assertEquals("", asSn.currentTask().send());
        assertEquals(BigInteger.ZERO, asSn.assignmentId().send());
        assertEquals(BigInteger.ZERO, asSn.requiredPeers().send());
        assertEquals(BigInteger.ZERO, asSn.claimedCount().send());
        assertArrayEquals(NONE, asSn.targetUid().send());
        assertTrue(asSn.enrolledSwops().send().isEmpty());
        assertTrue(asSn.claimedPeers().send().isEmpty());
        assertEquals(n(160), asSn.MAX_TEXT().send());
    }

    @Test
    void refusesABadConstructor() {
        assertThrows(Exception.class, () -> TaskRunner.deploy(chain.web3, chain.signer(0), chain.gas, "", registry,
                taskRegistry).send());
        assertThrows(Exception.class, () -> TaskRunner.deploy(chain.web3, chain.signer(0), chain.gas, "x".repeat(161),
                registry, taskRegistry).send());
        assertThrows(Exception.class, () -> TaskRunner.deploy(chain.web3, chain.signer(0), chain.gas, NAME,
                ZERO_ADDRESS, taskRegistry).send());
        assertThrows(Exception.class, () -> TaskRunner.deploy(chain.web3, chain.signer(0), chain.gas, NAME, registry,
                ZERO_ADDRESS).send());
    }

    @Test
    void enrollsSwopsOnce() throws Exception {
        TransactionReceipt receipt = asSn.enrollSwop(id(1)).send();
        List<TaskRunner.SwopEnrolledEventResponse> events = TaskRunner.getSwopEnrolledEvents(receipt);
        assertEquals(1, events.size());
        assertArrayEquals(id(1), events.get(0).swopUid);
        TransactionReceipt again = asSn.enrollSwop(id(1)).send();
        assertTrue(TaskRunner.getSwopEnrolledEvents(again).isEmpty());
        enroll(2);
        List<?> swops = asSn.enrolledSwops().send();
        assertEquals(2, swops.size());
        assertArrayEquals(id(2), (byte[]) swops.get(1));
        assertTrue(asSn.isEnrolled(id(1)).send());
        assertFalse(asSn.isEnrolled(id(3)).send());
        assertReverts("TaskRunner: uid must not be zero", () -> asSn.enrollSwop(NONE).send());
    }

    @Test
    void assignsAFinalizedTaskWithAPeerQuorum() throws Exception {
        enroll(1, 2, 3);
        TransactionReceipt receipt = assignPeers(2);
        List<TaskRunner.TaskAssignedEventResponse> events = TaskRunner.getTaskAssignedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(BigInteger.ONE, events.get(0).assignmentId);
        assertEquals(TASK, events.get(0).taskName);
        assertEquals(BigInteger.TWO, events.get(0).requiredPeers);
        assertArrayEquals(NONE, events.get(0).targetUid);
        assertEquals(RUNNING, asSn.state().send());
        assertEquals(TASK, asSn.currentTask().send());
        assertEquals(BigInteger.ONE, asSn.assignmentId().send());
        assertEquals(BigInteger.TWO, asSn.requiredPeers().send());
        assertReverts("TaskRunner: a task is already running", () -> assignPeers(1));
    }

    @Test
    void refusesBadAssignments() throws Exception {
        assertReverts("TaskRunner: no such task", () -> asSn.assignTask("nope", n(1), false, NONE).send());
        assertReverts("TaskRunner: task is not finalized", () -> asSn.assignTask(DRAFT, n(1), false, NONE).send());
        assertReverts("TaskRunner: no SWOP is enrolled", () -> asSn.assignTask(TASK, n(0), true, NONE).send());
        assertReverts("TaskRunner: target SWOP is not enrolled",
                () -> asSn.assignTask(TASK, n(0), false, id(9)).send());
        String oneMode = "TaskRunner: give exactly one of peers, all peers or a target";
        assertReverts(oneMode, () -> asSn.assignTask(TASK, n(0), false, NONE).send());
        assertReverts(oneMode, () -> asSn.assignTask(TASK, n(1), true, NONE).send());
        assertReverts(oneMode, () -> asSn.assignTask(TASK, n(1), false, id(1)).send());
        assertReverts(oneMode, () -> asSn.assignTask(TASK, n(0), true, id(1)).send());
        assertEquals(IDLE, asSn.state().send());
    }

    @Test
    void allPeersMeansEverySwopEnrolledNow() throws Exception {
        enroll(1, 2, 3);
        TransactionReceipt receipt = asSn.assignTask(TASK, n(0), true, NONE).send();
        assertEquals(n(3), TaskRunner.getTaskAssignedEvents(receipt).get(0).requiredPeers);
        assertEquals(n(3), asSn.requiredPeers().send());
    }

    @Test
    void swopsClaimTheSlots() throws Exception {
        enroll(1, 2, 3);
        assertReverts("TaskRunner: no task is running", () -> asSn.claim(id(1), ONE).send());
        assignPeers(2);
        assertReverts("TaskRunner: SWOP is not enrolled", () -> asSn.claim(id(9), ONE).send());
        TransactionReceipt receipt = asSn.claim(id(2), ONE).send();
        List<TaskRunner.PeerClaimedEventResponse> events = TaskRunner.getPeerClaimedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(BigInteger.ONE, events.get(0).assignmentId);
        assertArrayEquals(id(2), events.get(0).swopUid);
        Tuple4<Boolean, BigInteger, String, BigInteger> peer = asSn.peerStatus(id(2)).send();
        assertTrue(peer.component1());
        assertEquals(RUNNING, peer.component2());
        assertEquals("", peer.component3());
        assertFalse(asSn.peerStatus(id(1)).send().component1());

        TransactionReceipt again = asSn.claim(id(2), ONE).send();
        assertTrue(TaskRunner.getPeerClaimedEvents(again).isEmpty());
        asSn.claim(id(1), ONE).send();
        assertReverts("TaskRunner: all peer slots are taken", () -> asSn.claim(id(3), ONE).send());
        assertEquals(BigInteger.TWO, asSn.claimedCount().send());
        List<?> claimed = asSn.claimedPeers().send();
        assertArrayEquals(id(2), (byte[]) claimed.get(0));
        assertArrayEquals(id(1), (byte[]) claimed.get(1));
    }

    @Test
    void withNPeersAClaimCountsItsPairsAndMayOvershoot() throws Exception {
        enroll(1, 2, 3);
        assignPeers(5);
        assertReverts("TaskRunner: a claim runs at least 1 pair", () -> asSn.claim(id(1), n(0)).send());
        TransactionReceipt receipt = asSn.claim(id(1), n(4)).send();
        assertEquals(n(4), TaskRunner.getPeerClaimedEvents(receipt).get(0).pairs);
        assertEquals(n(4), asSn.peerStatus(id(1)).send().component4());
        // 4 of 5 slots taken: a SWOP with 2 pairs still gets in (6 pairs run), then the slots are full
        asSn.claim(id(2), n(2)).send();
        assertEquals(n(6), asSn.claimedSlots().send());
        assertReverts("TaskRunner: all peer slots are taken", () -> asSn.claim(id(3), ONE).send());
        assertTrue(TaskRunner.getTaskFinishedEvents(status(2, COMPLETE, "2 ML programs exited 0")).isEmpty());
        TransactionReceipt done = status(1, COMPLETE, "4 ML programs exited 0");
        assertEquals(COMPLETE, TaskRunner.getTaskFinishedEvents(done).get(0).state);
    }

    @Test
    void withAllPeersEachSwopCountsOneWhateverItsPairs() throws Exception {
        enroll(1, 2);
        asSn.assignTask(TASK, n(0), true, NONE).send();
        asSn.claim(id(1), n(4)).send();
        assertEquals(ONE, asSn.claimedSlots().send());
        asSn.claim(id(2), n(3)).send();
        assertTrue(TaskRunner.getTaskFinishedEvents(status(1, COMPLETE, "ok")).isEmpty());
        assertEquals(COMPLETE, TaskRunner.getTaskFinishedEvents(status(2, COMPLETE, "ok")).get(0).state);
    }

    @Test
    void aTargetedTaskGoesToOneSwop() throws Exception {
        enroll(1, 2);
        TransactionReceipt receipt = asSn.assignTask(TASK, n(0), false, id(2)).send();
        TaskRunner.TaskAssignedEventResponse event = TaskRunner.getTaskAssignedEvents(receipt).get(0);
        assertEquals(BigInteger.ONE, event.requiredPeers);
        assertArrayEquals(id(2), event.targetUid);
        assertArrayEquals(id(2), asSn.targetUid().send());
        assertReverts("TaskRunner: the task is targeted at another SWOP", () -> asSn.claim(id(1), ONE).send());
        asSn.claim(id(2), ONE).send();
        TransactionReceipt done = status(2, COMPLETE, "done");
        assertEquals(COMPLETE, TaskRunner.getTaskFinishedEvents(done).get(0).state);
    }

    @Test
    void theTaskCompletesWhenEveryRequiredPeerHasCompleted() throws Exception {
        enroll(1, 2);
        assignPeers(2);
        asSn.claim(id(1), ONE).send();
        asSn.claim(id(2), ONE).send();
        TransactionReceipt receipt = status(1, COMPLETE, "built user-env-img");
        List<TaskRunner.PeerStatusUpdatedEventResponse> events = TaskRunner.getPeerStatusUpdatedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(BigInteger.ONE, events.get(0).assignmentId);
        assertArrayEquals(id(1), events.get(0).swopUid);
        assertEquals(COMPLETE, events.get(0).status);
        assertEquals("built user-env-img", events.get(0).description);
        assertTrue(TaskRunner.getTaskFinishedEvents(receipt).isEmpty());
        assertEquals("built user-env-img", asSn.peerStatus(id(1)).send().component3());

        TransactionReceipt same = status(1, COMPLETE, "built user-env-img");
        assertTrue(TaskRunner.getPeerStatusUpdatedEvents(same).isEmpty());
        // a peer that goes back to RUNNING no longer counts as complete
        status(1, RUNNING, "rebuilding");
        assertTrue(TaskRunner.getTaskFinishedEvents(status(2, COMPLETE, "ok")).isEmpty());
        assertEquals(RUNNING, asSn.state().send());

        TransactionReceipt last = status(1, COMPLETE, "ok");
        List<TaskRunner.TaskFinishedEventResponse> finished = TaskRunner.getTaskFinishedEvents(last);
        assertEquals(1, finished.size());
        assertEquals(BigInteger.ONE, finished.get(0).assignmentId);
        assertEquals(COMPLETE, finished.get(0).state);
        assertEquals(COMPLETE, asSn.state().send());
    }

    @Test
    void oneErrorFailsTheTaskAndANewAssignmentRetriesIt() throws Exception {
        enroll(1, 2);
        assignPeers(2);
        asSn.claim(id(1), ONE).send();
        asSn.claim(id(2), ONE).send();
        TransactionReceipt receipt = status(2, ERROR, "Failed to copy build context");
        List<TaskRunner.TaskFinishedEventResponse> finished = TaskRunner.getTaskFinishedEvents(receipt);
        assertEquals(1, finished.size());
        assertEquals(ERROR, finished.get(0).state);
        assertEquals(ERROR, asSn.state().send());
        assertEquals(ERROR, asSn.peerStatus(id(2)).send().component2());

        // later reports are still recorded, but the task stays failed
        TransactionReceipt late = status(1, COMPLETE, "ok");
        assertEquals(1, TaskRunner.getPeerStatusUpdatedEvents(late).size());
        assertTrue(TaskRunner.getTaskFinishedEvents(late).isEmpty());
        assertEquals(ERROR, asSn.state().send());
        enroll(3);
        assertReverts("TaskRunner: no task is running", () -> asSn.claim(id(3), ONE).send());

        TransactionReceipt retry = asSn.assignTask(TASK, n(0), false, id(2)).send();
        assertEquals(BigInteger.TWO, TaskRunner.getTaskAssignedEvents(retry).get(0).assignmentId);
        assertFalse(asSn.peerStatus(id(2)).send().component1());
        assertEquals(BigInteger.ZERO, asSn.claimedCount().send());
        assertReverts("TaskRunner: SWOP has not claimed the current task", () -> status(2, COMPLETE, "ok"));
    }

    @Test
    void refusesBadPeerStatuses() throws Exception {
        enroll(1, 2);
        assignPeers(1);
        asSn.claim(id(1), ONE).send();
        assertReverts("TaskRunner: SWOP has not claimed the current task", () -> status(2, RUNNING, "x"));
        assertReverts("TaskRunner: unknown peer status", () -> status(1, n(4), "x"));
        assertReverts("TaskRunner: description is too long (max 160 bytes)", () -> status(1, ERROR, "x".repeat(161)));
        status(1, IDLE, "waiting for the image");
        assertEquals(IDLE, asSn.peerStatus(id(1)).send().component2());
    }

    @Test
    void resetClearsTheTaskAndThePeersButKeepsTheSwops() throws Exception {
        enroll(1, 2);
        assignPeers(1);
        asSn.claim(id(1), ONE).send();
        status(1, COMPLETE, "ok");
        TransactionReceipt receipt = asSn.reset().send();
        List<TaskRunner.RunnerResetEventResponse> events = TaskRunner.getRunnerResetEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(BigInteger.ONE, events.get(0).assignmentId);
        assertEquals(IDLE, asSn.state().send());
        assertEquals("", asSn.currentTask().send());
        assertEquals(BigInteger.ZERO, asSn.requiredPeers().send());
        assertEquals(BigInteger.ZERO, asSn.claimedCount().send());
        assertTrue(asSn.claimedPeers().send().isEmpty());
        Tuple4<Boolean, BigInteger, String, BigInteger> peer = asSn.peerStatus(id(1)).send();
        assertFalse(peer.component1());
        assertEquals(IDLE, peer.component2());
        assertEquals("", peer.component3());
        assertEquals(2, asSn.enrolledSwops().send().size());
        assertEquals(BigInteger.ONE, asSn.assignmentId().send());
        assertReverts("TaskRunner: SWOP has not claimed the current task", () -> status(1, COMPLETE, "ok"));

        // a reset also aborts a running task
        assignPeers(2);
        asSn.reset().send();
        assertEquals(IDLE, asSn.state().send());
        assertReverts("TaskRunner: no task is running", () -> asSn.claim(id(1), ONE).send());
    }

    @Test
    void onlyRegisteredSnAccountsWrite() throws Exception {
        enroll(1);
        assignPeers(1);
        String reason = "TaskRunner: caller is not a registered SN account";
        assertReverts(reason, () -> asStranger.enrollSwop(id(2)).send());
        assertReverts(reason, () -> asStranger.assignTask(TASK, n(1), false, NONE).send());
        assertReverts(reason, () -> asStranger.claim(id(1), ONE).send());
        assertReverts(reason, () -> asStranger.updatePeerStatus(id(1), COMPLETE, "ok").send());
        assertReverts(reason, () -> asStranger.reset().send());
        assertEquals(RUNNING, asStranger.state().send());
    }
}
