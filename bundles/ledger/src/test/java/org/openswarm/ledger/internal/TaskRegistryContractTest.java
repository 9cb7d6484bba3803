package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openswarm.ledger.internal.ChainFixture.assertReverts;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openswarm.ledger.internal.contracts.Registry;
import org.openswarm.ledger.internal.contracts.TaskRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple7;

/** Every function, event and revert of TaskRegistry.sol, against a real anvil. */
class TaskRegistryContractTest extends ContractTestSupport {
    private static final BigInteger MAKE_USER_CONTAINER = BigInteger.ZERO;
    private static final BigInteger RUN_SWARM = BigInteger.ONE;
    private static final BigInteger MAKE_USER_ENV = BigInteger.valueOf(4);
    private static final String TASK = "swarm_mnist_task";

    TaskRegistry asSn;
    TaskRegistry asStranger;

    @BeforeEach
    void deploy() throws Exception {
        Registry registry = Registry.deploy(chain.web3, chain.signer(0), chain.gas).send();
        asSn = TaskRegistry.deploy(chain.web3, chain.signer(0), chain.gas, registry.getContractAddress()).send();
        asStranger = TaskRegistry.load(asSn.getContractAddress(), chain.web3, chain.signer(3), chain.gas);
    }

    private TransactionReceipt create(String name) throws Exception {
        return asSn.createTask(name, RUN_SWARM, "HPESwarm", "user_env_tf_build_task", name).send();
    }

    private TransactionReceipt append(String name, int index, String line) throws Exception {
        return asSn.appendBody(name, BigInteger.valueOf(index), line).send();
    }

    @Test
    void deploysEmpty() throws Exception {
        assertEquals(BigInteger.ZERO, asSn.taskCount().send());
        assertTrue(asSn.listTasks(BigInteger.ZERO, BigInteger.TEN).send().isEmpty());
        assertEquals(BigInteger.valueOf(160), asSn.MAX_TEXT().send());
        assertFalse(asSn.registry().send().isEmpty());
        assertThrows(Exception.class, () -> TaskRegistry.deploy(chain.web3, chain.signer(0), chain.gas,
                "0x0000000000000000000000000000000000000000").send());
    }

    @Test
    void createsAndReadsATask() throws Exception {
        TransactionReceipt receipt = create(TASK);
        List<TaskRegistry.TaskCreatedEventResponse> events = TaskRegistry.getTaskCreatedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(TASK, events.get(0).name);
        assertEquals(RUN_SWARM, events.get(0).taskType);
        assertEquals("HPESwarm", events.get(0).author);
        assertEquals("user_env_tf_build_task", events.get(0).prereq);
        assertEquals(TASK, events.get(0).outcome);

        assertTrue(asSn.exists(TASK).send());
        assertFalse(asSn.exists("other").send());
        assertFalse(asSn.isFinalized(TASK).send());
        assertFalse(asSn.isFinalized("other").send());
        Tuple7<String, BigInteger, String, String, String, Boolean, BigInteger> task = asSn.getTask(TASK).send();
        assertEquals(TASK, task.component1());
        assertEquals(RUN_SWARM, task.component2());
        assertEquals("HPESwarm", task.component3());
        assertEquals("user_env_tf_build_task", task.component4());
        assertEquals(TASK, task.component5());
        assertFalse(task.component6());
        assertEquals(BigInteger.ZERO, task.component7());
        assertEquals(BigInteger.ONE, asSn.taskCount().send());
        assertEquals(List.of(TASK), asSn.listTasks(BigInteger.ZERO, BigInteger.TEN).send());

        asSn.createTask("env", MAKE_USER_ENV, "", "ROOTTASK", "env").send();
        assertEquals(MAKE_USER_ENV, asSn.getTask("env").send().component2());
    }

    @Test
    void creatingAgainIsANoOpUnlessTheHeaderDiffers() throws Exception {
        create(TASK);
        TransactionReceipt again = create(TASK);
        assertTrue(TaskRegistry.getTaskCreatedEvents(again).isEmpty());
        assertEquals(BigInteger.ONE, asSn.taskCount().send());
        assertReverts("TaskRegistry: task already exists",
                () -> asSn.createTask(TASK, MAKE_USER_CONTAINER, "HPESwarm", "user_env_tf_build_task", TASK).send());
        assertReverts("TaskRegistry: task already exists",
                () -> asSn.createTask(TASK, RUN_SWARM, "someone", "user_env_tf_build_task", TASK).send());
        assertReverts("TaskRegistry: task already exists",
                () -> asSn.createTask(TASK, RUN_SWARM, "HPESwarm", "ROOTTASK", TASK).send());
        assertReverts("TaskRegistry: task already exists",
                () -> asSn.createTask(TASK, RUN_SWARM, "HPESwarm", "user_env_tf_build_task", "x").send());
    }

    @Test
    void refusesBadHeaders() {
        String tooLong = "x".repeat(161);
        assertReverts("TaskRegistry: name must not be empty",
                () -> asSn.createTask("", RUN_SWARM, "a", "ROOTTASK", "o").send());
        assertReverts("TaskRegistry: name is too long (max 160 bytes)",
                () -> asSn.createTask(tooLong, RUN_SWARM, "a", "ROOTTASK", "o").send());
        assertReverts("TaskRegistry: author is too long (max 160 bytes)",
                () -> asSn.createTask("t", RUN_SWARM, tooLong, "ROOTTASK", "o").send());
        assertReverts("TaskRegistry: prereq is too long (max 160 bytes)",
                () -> asSn.createTask("t", RUN_SWARM, "a", tooLong, "o").send());
        assertReverts("TaskRegistry: outcome is too long (max 160 bytes)",
                () -> asSn.createTask("t", RUN_SWARM, "a", "ROOTTASK", tooLong).send());
        assertReverts("TaskRegistry: unknown task type",
                () -> asSn.createTask("t", BigInteger.valueOf(5), "a", "ROOTTASK", "o").send());
    }

    @Test
    void appendsTheBodyLineByLine() throws Exception {
        create(TASK);
        TransactionReceipt first = append(TASK, 0, "Command: model/mnist_tf.py");
        List<TaskRegistry.TaskBodyAppendedEventResponse> events = TaskRegistry.getTaskBodyAppendedEvents(first);
        assertEquals(1, events.size());
        assertEquals(TASK, events.get(0).name);
        assertEquals(BigInteger.ZERO, events.get(0).index);
        append(TASK, 1, "Entrypoint: python3");
        append(TASK, 2, " ");
        assertEquals(BigInteger.valueOf(3), asSn.getTask(TASK).send().component7());
        assertEquals("Entrypoint: python3", asSn.bodyLine(TASK, BigInteger.ONE).send());
        assertEquals(List.of("Command: model/mnist_tf.py", "Entrypoint: python3", " "), asSn.body(TASK).send());

        TransactionReceipt replay = append(TASK, 1, "Entrypoint: python3");
        assertTrue(TaskRegistry.getTaskBodyAppendedEvents(replay).isEmpty());
        assertEquals(BigInteger.valueOf(3), asSn.getTask(TASK).send().component7());
        assertReverts("TaskRegistry: body line out of order", () -> append(TASK, 1, "Entrypoint: python2"));
        assertReverts("TaskRegistry: body line out of order", () -> append(TASK, 5, "WorkingDir: /tmp/test"));
        assertReverts("TaskRegistry: line is too long (max 160 bytes)", () -> append(TASK, 3, "x".repeat(161)));
        assertReverts("TaskRegistry: no such task", () -> append("nope", 0, "x"));
        assertReverts("TaskRegistry: body line index out of range", () -> asSn.bodyLine(TASK, BigInteger.TEN).send());
    }

    @Test
    void finalizingFreezesTheBody() throws Exception {
        create(TASK);
        append(TASK, 0, "Command: model/mnist_tf.py");
        TransactionReceipt receipt = asSn.finalize(TASK).send();
        List<TaskRegistry.TaskFinalizedEventResponse> events = TaskRegistry.getTaskFinalizedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(TASK, events.get(0).name);
        assertTrue(asSn.getTask(TASK).send().component6());
        assertTrue(asSn.isFinalized(TASK).send());

        TransactionReceipt again = asSn.finalize(TASK).send();
        assertTrue(TaskRegistry.getTaskFinalizedEvents(again).isEmpty());
        assertTrue(TaskRegistry.getTaskBodyAppendedEvents(append(TASK, 0, "Command: model/mnist_tf.py")).isEmpty());
        assertReverts("TaskRegistry: task is finalized", () -> append(TASK, 1, "Entrypoint: python3"));
        assertReverts("TaskRegistry: a finalized task cannot be deleted", () -> asSn.deleteTask(TASK).send());
        assertReverts("TaskRegistry: no such task", () -> asSn.finalize("nope").send());
    }

    @Test
    void aDeletedTaskIsGoneAndItsNameFree() throws Exception {
        create("a");
        create("b");
        create("c");
        append("b", 0, "old line");
        TransactionReceipt receipt = asSn.deleteTask("b").send();
        List<TaskRegistry.TaskDeletedEventResponse> events = TaskRegistry.getTaskDeletedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals("b", events.get(0).name);
        assertFalse(asSn.exists("b").send());
        assertEquals(BigInteger.TWO, asSn.taskCount().send());
        assertEquals(List.of("a", "c"), asSn.listTasks(BigInteger.ZERO, BigInteger.TEN).send());
        assertReverts("TaskRegistry: no such task", () -> asSn.getTask("b").send());
        assertReverts("TaskRegistry: no such task", () -> asSn.body("b").send());
        assertReverts("TaskRegistry: no such task", () -> asSn.bodyLine("b", BigInteger.ZERO).send());
        assertReverts("TaskRegistry: no such task", () -> asSn.deleteTask("b").send());

        asSn.createTask("b", MAKE_USER_CONTAINER, "other", "ROOTTASK", "img").send();
        Tuple7<String, BigInteger, String, String, String, Boolean, BigInteger> task = asSn.getTask("b").send();
        assertEquals(MAKE_USER_CONTAINER, task.component2());
        assertEquals("other", task.component3());
        assertEquals(BigInteger.ZERO, task.component7());
        assertTrue(asSn.body("b").send().isEmpty());

        asSn.deleteTask("b").send(); // the last name
        asSn.deleteTask("a").send(); // the first name
        assertEquals(List.of("c"), asSn.listTasks(BigInteger.ZERO, BigInteger.TEN).send());
    }

    @Test
    void listsTasksPageByPage() throws Exception {
        for (int i = 1; i <= 5; i++)
            create("task-" + i);
        assertEquals(List.of("task-1", "task-2", "task-3"), asSn.listTasks(BigInteger.ZERO, BigInteger.valueOf(3)).send());
        assertEquals(List.of("task-4", "task-5"), asSn.listTasks(BigInteger.valueOf(3), BigInteger.valueOf(3)).send());
        assertTrue(asSn.listTasks(BigInteger.valueOf(9), BigInteger.valueOf(3)).send().isEmpty());
    }

    @Test
    void onlyRegisteredSnAccountsWrite() throws Exception {
        create(TASK);
        String reason = "TaskRegistry: caller is not a registered SN account";
        assertReverts(reason, () -> asStranger.createTask("t", RUN_SWARM, "a", "ROOTTASK", "o").send());
        assertReverts(reason, () -> asStranger.appendBody(TASK, BigInteger.ZERO, "x").send());
        assertReverts(reason, () -> asStranger.finalize(TASK).send());
        assertReverts(reason, () -> asStranger.deleteTask(TASK).send());
        assertTrue(asStranger.exists(TASK).send());
    }
}
