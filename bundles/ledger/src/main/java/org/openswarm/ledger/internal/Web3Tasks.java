package org.openswarm.ledger.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.TaskHeader;
import org.openswarm.api.ledger.TaskInfo;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.api.ledger.Tasks;
import org.openswarm.ledger.internal.contracts.TaskRegistry;
import org.web3j.tuples.generated.Tuple7;

/** {@link Tasks} over the TaskRegistry contract. */
final class Web3Tasks implements Tasks {
    private static final BigInteger PAGE = BigInteger.valueOf(200);

    private final ChainAccess access;
    private final TaskRegistry tasks;
    /** Appends read the line count, then send; one at a time so two appends do not race for the same index. */
    private final Object appendLock = new Object();

    Web3Tasks(ChainAccess access) {
        this.access = access;
        this.tasks = TaskRegistry.load(access.contracts.get(ContractNames.TASK_REGISTRY), access.chain.web3(),
                access.chain.transactions(), access.chain.gas());
    }

    @Override
    public void create(TaskHeader header) {
        if (header == null)
            throw SwarmException.badRequest("the task header is required");
        ChainAccess.requireName("name", header.name());
        if (header.taskType() == null)
            throw SwarmException.badRequest("taskType is required");
        ChainAccess.requireText("author", header.author());
        ChainAccess.requireText("prereq", header.prereq());
        ChainAccess.requireText("outcome", header.outcome());
        access.write("Creating task " + header.name(), ContractNames.TASK_REGISTRY,
                tasks.createTask(header.name(), BigInteger.valueOf(header.taskType().ordinal()), text(header.author()),
                        text(header.prereq()), text(header.outcome())));
    }

    @Override
    public long appendBody(String name, long from, List<String> lines) {
        if (lines == null)
            throw SwarmException.badRequest("lines are required");
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == null)
                throw SwarmException.badRequest("line " + i + " is null");
            ChainAccess.requireText("line " + i, lines.get(i));
        }
        if (from < -1)
            throw SwarmException.badRequest("from must be a line index (0 or more), or -1 for the end of the body");
        synchronized (appendLock) {
            long count = info(name).bodyLineCount();
            long start = from < 0 ? count : from;
            if (start > count)
                throw new SwarmException(ErrorCode.CONFLICT, "TaskRegistry: body line out of order (the body has "
                        + count + " lines, the first new line would be " + start + ")");
            for (int i = 0; i < lines.size(); i++) {
                long index = start + i;
                String line = lines.get(i);
                if (index < count) {
                    String existing = access.read("Reading task " + name,
                            () -> tasks.bodyLine(name, BigInteger.valueOf(index)).send());
                    if (!existing.equals(line))
                        throw new SwarmException(ErrorCode.CONFLICT, "TaskRegistry: body line " + index
                                + " is already there with another text");
                    continue;
                }
                access.write("Appending line " + index + " to task " + name, ContractNames.TASK_REGISTRY,
                        tasks.appendBody(name, BigInteger.valueOf(index), line));
                count = index + 1;
            }
            return count;
        }
    }

    @Override
    public void finalize(String name) {
        requireTask(name);
        access.write("Finalizing task " + name, ContractNames.TASK_REGISTRY, tasks.finalize(name));
    }

    @Override
    public void delete(String name) {
        requireTask(name);
        access.write("Deleting task " + name, ContractNames.TASK_REGISTRY, tasks.deleteTask(name));
    }

    @Override
    public TaskInfo info(String name) {
        requireTask(name);
        Tuple7<String, BigInteger, String, String, String, Boolean, BigInteger> task = access.read(
                "Reading task " + name, () -> tasks.getTask(name).send());
        return new TaskInfo(new TaskHeader(task.component1(), TaskType.values()[task.component2().intValueExact()],
                task.component3(), task.component4(), task.component5()), task.component6(),
                task.component7().longValueExact());
    }

    @Override
    public List<String> body(String name) {
        requireTask(name);
        return access.read("Reading the body of task " + name, () -> {
            @SuppressWarnings("unchecked")
            List<String> body = tasks.body(name).send();
            return List.copyOf(body);
        });
    }

    @Override
    public List<String> list() {
        return access.read("Listing tasks", () -> {
            List<String> all = new ArrayList<>();
            BigInteger count = tasks.taskCount().send();
            for (BigInteger offset = BigInteger.ZERO; offset.compareTo(count) < 0; offset = offset.add(PAGE)) {
                @SuppressWarnings("unchecked")
                List<String> page = tasks.listTasks(offset, PAGE).send();
                all.addAll(page);
            }
            return all;
        });
    }

    /** Whether a live task of that name exists. */
    boolean exists(String name) {
        return access.read("Reading task " + name, () -> tasks.exists(name).send());
    }

    private void requireTask(String name) {
        ChainAccess.requireName("task name", name);
        if (!exists(name))
            throw SwarmException.notFound("No task named " + name);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
