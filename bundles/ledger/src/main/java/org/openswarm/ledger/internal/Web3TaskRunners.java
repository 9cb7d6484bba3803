package org.openswarm.ledger.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Assignment;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.EntryKind;
import org.openswarm.api.ledger.TaskRunnerStatus;
import org.openswarm.api.ledger.TaskRunners;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.ledger.internal.contracts.TaskRunner;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple4;

/** {@link TaskRunners} over TaskRunner instances found through the Registry's directory. */
final class Web3TaskRunners implements TaskRunners {
    private static final String NOUN = "taskrunner";
    /** The contract keeps pairs in a uint16. */
    private static final int MAX_PAIRS = 65_535;

    private final ChainAccess access;
    private final Web3Ledger ledger;
    private final Web3Tasks tasks;

    Web3TaskRunners(ChainAccess access, Web3Ledger ledger, Web3Tasks tasks) {
        this.access = access;
        this.ledger = ledger;
        this.tasks = tasks;
    }

    @Override
    public TaskRunnerStatus create(String name) {
        access.create(new NamedDeployment(EntryKind.TASKRUNNER, name, 0), NOUN);
        return status(name);
    }

    @Override
    public List<DirectoryEntry> list() {
        return ledger.entries().stream().filter(e -> e.kind() == EntryKind.TASKRUNNER).toList();
    }

    @Override
    public long assign(String runner, Assignment assignment) {
        if (assignment == null)
            throw SwarmException.badRequest("the assignment is required");
        ChainAccess.requireName("task", assignment.task());
        boolean target = assignment.targetUid() != null && !assignment.targetUid().isBlank();
        int modes = (assignment.allPeers() ? 1 : 0) + (target ? 1 : 0) + (assignment.peers() != 0 ? 1 : 0);
        if (modes != 1)
            throw SwarmException.badRequest("give exactly one of peers, allPeers or target");
        if (assignment.peers() < 0 || assignment.peers() > 65535)
            throw SwarmException.badRequest("peers must be within 1..65535, was " + assignment.peers());
        byte[] targetUid = target ? Uids.require(assignment.targetUid()) : Bytes32.ZERO.clone();
        DirectoryEntry entry = access.entry(runner, EntryKind.TASKRUNNER, NOUN);
        if (!tasks.exists(assignment.task()))
            throw SwarmException.notFound("No task named " + assignment.task());
        TaskRunner contract = load(entry.address());
        access.write("Assigning task " + assignment.task() + " to " + runner, ContractNames.directory(runner),
                contract.assignTask(assignment.task(), BigInteger.valueOf(assignment.peers()), assignment.allPeers(),
                        targetUid));
        return access.read("Reading taskrunner " + runner, () -> contract.assignmentId().send().longValueExact());
    }

    @Override
    public void enrollSwop(String runner, String swopUid) {
        byte[] uid = Uids.require(swopUid);
        write(runner, "Enrolling SWOP " + swopUid + " on " + runner, c -> c.enrollSwop(uid));
    }

    @Override
    public void claim(String runner, String swopUid, int pairs) {
        byte[] uid = Uids.require(swopUid);
        if (pairs < 1 || pairs > MAX_PAIRS)
            throw SwarmException.badRequest("pairs must be 1.." + MAX_PAIRS + ", got " + pairs);
        write(runner, "Claim of SWOP " + swopUid + " (" + pairs + " pairs) on " + runner,
                c -> c.claim(uid, BigInteger.valueOf(pairs)));
    }

    @Override
    public void updatePeerStatus(String runner, String swopUid, TaskState status, String description) {
        byte[] uid = Uids.require(swopUid);
        if (status == null)
            throw SwarmException.badRequest("status is required (IDLE, RUNNING, COMPLETE or ERROR)");
        ChainAccess.requireText("description", description);
        String text = description == null ? "" : description;
        write(runner, "Status " + status + " of SWOP " + swopUid + " on " + runner,
                c -> c.updatePeerStatus(uid, BigInteger.valueOf(status.ordinal()), text));
    }

    @Override
    public TaskRunnerStatus status(String runner) {
        DirectoryEntry entry = access.entry(runner, EntryKind.TASKRUNNER, NOUN);
        TaskRunner c = load(entry.address());
        return access.read("Reading taskrunner " + runner, () -> {
            TaskState state = TaskState.values()[c.state().send().intValueExact()];
            String task = c.currentTask().send();
            @SuppressWarnings("unchecked")
            List<byte[]> enrolled = c.enrolledSwops().send();
            @SuppressWarnings("unchecked")
            List<byte[]> claimed = c.claimedPeers().send();
            List<TaskRunnerStatus.PeerState> peers = new ArrayList<>();
            for (byte[] uid : claimed) {
                Tuple4<Boolean, BigInteger, String, BigInteger> peer = c.peerStatus(uid).send();
                peers.add(new TaskRunnerStatus.PeerState(Bytes32.toUuid(uid),
                        TaskState.values()[peer.component2().intValueExact()], peer.component3(),
                        peer.component4().intValueExact()));
            }
            return new TaskRunnerStatus(runner, entry.address(), state, task.isEmpty() ? null : task,
                    c.assignmentId().send().longValueExact(), c.requiredPeers().send().intValueExact(),
                    Bytes32.toUuid(c.targetUid().send()), enrolled.stream().map(Bytes32::toUuid).toList(), peers,
                    c.countsPairs().send());
        });
    }

    @Override
    public void reset(String runner) {
        write(runner, "Resetting taskrunner " + runner, TaskRunner::reset);
    }

    private interface Call {
        RemoteFunctionCall<TransactionReceipt> on(TaskRunner runner);
    }

    private void write(String runner, String what, Call call) {
        DirectoryEntry entry = access.entry(runner, EntryKind.TASKRUNNER, NOUN);
        access.write(what, ContractNames.directory(runner), call.on(load(entry.address())));
    }

    private TaskRunner load(String address) {
        return TaskRunner.load(address, access.chain.web3(), access.chain.transactions(), access.chain.gas());
    }
}
