package org.openswarm.ledger.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.EntryKind;
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.RoundCheckin;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.api.ledger.TrainingStatus;
import org.openswarm.ledger.internal.contracts.TrainingContract;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tuples.generated.Tuple5;
import org.web3j.tuples.generated.Tuple6;

/** {@link TrainingContracts} over TrainingContract instances found through the Registry's directory. */
final class Web3TrainingContracts implements TrainingContracts {
    private static final String NOUN = "training contract";
    private static final BigDecimal E6 = BigDecimal.valueOf(1_000_000);
    private static final long MAX_UINT64_SECONDS = Long.MAX_VALUE;

    private final ChainAccess access;
    private final Web3Ledger ledger;

    Web3TrainingContracts(ChainAccess access, Web3Ledger ledger) {
        this.access = access;
        this.ledger = ledger;
    }

    @Override
    public ContractInfo create(String name, long leaderTimeoutSeconds) {
        if (leaderTimeoutSeconds < 1 || leaderTimeoutSeconds > MAX_UINT64_SECONDS)
            throw SwarmException.badRequest("leaderTimeoutSeconds must be at least 1, was " + leaderTimeoutSeconds);
        access.create(new NamedDeployment(EntryKind.TRAINING_CONTRACT, name, leaderTimeoutSeconds), NOUN);
        return info(name);
    }

    @Override
    public List<DirectoryEntry> list() {
        return ledger.entries().stream().filter(e -> e.kind() == EntryKind.TRAINING_CONTRACT).toList();
    }

    @Override
    public ContractInfo info(String name) {
        DirectoryEntry entry = access.entry(name, EntryKind.TRAINING_CONTRACT, NOUN);
        TrainingContract c = load(entry.address());
        return access.read("Reading training contract " + name, () -> new ContractInfo(name, entry.address(),
                c.currentRound().send().longValueExact(), TrainingStatus.values()[c.status().send().intValueExact()],
                c.minPeers().send().intValueExact(), c.enrolledCount().send().longValueExact(),
                c.closedCount().send().longValueExact(), Bytes32.toHex(c.contextHash().send()),
                c.leaderTimeoutSeconds().send().longValueExact()));
    }

    @Override
    public ContractStatus status(String name) {
        ContractInfo info = info(name);
        TrainingContract c = load(info.address());
        List<ContractStatus.NodeState> nodes = new ArrayList<>();
        access.read("Reading the status of training contract " + name, () -> {
            for (long i = 0; i < info.enrolledCount(); i++) {
                byte[] uid = c.enrolledAt(BigInteger.valueOf(i)).send();
                Tuple4<Boolean, Boolean, Boolean, BigInteger> state = c.nodeState(uid).send();
                Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> perf = c.getPerf(uid).send();
                PerfData data = perf.component5().signum() == 0 && perf.component1().signum() == 0 ? null
                        : new PerfData(perf.component1().longValueExact(), fromE6(perf.component2()),
                                fromE6(perf.component3()), perf.component4().longValueExact(),
                                perf.component5().longValueExact());
                boolean closed = state.component3();
                nodes.add(new ContractStatus.NodeState(Bytes32.toUuid(uid), state.component2(), closed,
                        closed ? CheckoutMode.values()[state.component4().intValueExact()] : null, data));
            }
            return null;
        });
        return new ContractStatus(info, nodes);
    }

    @Override
    public void reset(String name) {
        write(name, "Resetting training contract " + name, TrainingContract::reset);
    }

    @Override
    public void enroll(String name, String uid, String contextHash, int minPeers, boolean eligibleLeader) {
        byte[] id = requireUid(uid);
        byte[] context = Bytes32.fromHex(contextHash);
        if (minPeers < 1 || minPeers > 65535)
            throw SwarmException.badRequest("minPeers must be within 1..65535, was " + minPeers);
        write(name, "Enrolling " + uid + " in " + name,
                c -> c.enroll(id, context, BigInteger.valueOf(minPeers), eligibleLeader));
    }

    @Override
    public long checkin(String name, String uid, long round, String paramHash, int weight) {
        byte[] id = requireUid(uid);
        byte[] hash = Bytes32.fromHex(paramHash);
        requireRound(round);
        if (weight < 1 || weight > 100)
            throw SwarmException.badRequest("weight must be within 1..100, was " + weight);
        if (round == Long.MAX_VALUE)
            throw SwarmException.badRequest("round is out of range: " + round);
        DirectoryEntry entry = access.entry(name, EntryKind.TRAINING_CONTRACT, NOUN);
        TrainingContract c = load(entry.address());
        access.write("Check-in of " + uid + " for round " + round + " of " + name, ContractNames.directory(name),
                c.checkin(id, BigInteger.valueOf(round), hash, BigInteger.valueOf(weight)));
        // The contract records a check-in for a frozen current round in the next round, silently: ask where it is.
        return access.read("Reading the check-in of " + uid + " in " + name, () -> {
            if (recorded(c, round, id, hash))
                return round;
            if (recorded(c, round + 1, id, hash))
                return round + 1;
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The check-in of " + uid + " for round " + round + " of "
                    + name + " was sent but is not on chain (yet); repeat it");
        });
    }

    private static boolean recorded(TrainingContract c, long round, byte[] uid, byte[] hash) throws Exception {
        Tuple3<byte[], BigInteger, Boolean> checkin = c.getCheckin(BigInteger.valueOf(round), uid).send();
        return checkin.component3() && java.util.Arrays.equals(checkin.component1(), hash);
    }

    @Override
    public void freeze(String name, String leaderUid, long round, List<String> participants) {
        byte[] leader = requireUid(leaderUid);
        requireRound(round);
        if (participants == null || participants.isEmpty())
            throw SwarmException.badRequest("participants must not be empty");
        List<byte[]> ids = participants.stream().map(Uids::require).toList();
        write(name, "Freezing round " + round + " of " + name,
                c -> c.freeze(leader, BigInteger.valueOf(round), ids));
    }

    @Override
    public void publishMerged(String name, String leaderUid, long round, String mergedHash) {
        byte[] leader = requireUid(leaderUid);
        requireRound(round);
        byte[] hash = Bytes32.fromHex(mergedHash);
        write(name, "Publishing the merged model of round " + round + " of " + name,
                c -> c.publishMerged(leader, BigInteger.valueOf(round), hash));
    }

    @Override
    public void failover(String name, String uid, long round, String failedLeader) {
        byte[] id = requireUid(uid);
        requireRound(round);
        // Naming the leader being replaced makes the call idempotent: replayed after the leader moved, it is a no-op.
        byte[] failed = failedLeader == null ? Bytes32.ZERO.clone() : requireUid(failedLeader);
        write(name, "Leader failover by " + uid + " in round " + round + " of " + name,
                c -> c.failover(id, BigInteger.valueOf(round), failed));
    }

    @Override
    public void reportPerf(String name, String uid, PerfData perf) {
        byte[] id = requireUid(uid);
        if (perf == null)
            throw SwarmException.badRequest("perf is required");
        if (perf.round() < 0 || perf.epochsDone() < 0 || perf.totalEpochs() < 0 || perf.totalEpochs() > 0xFFFFFFFFL
                || perf.epochsDone() > perf.totalEpochs())
            throw SwarmException.badRequest("round, epochsDone and totalEpochs must be >= 0, epochsDone <= totalEpochs");
        if (!Double.isFinite(perf.loss()) || !Double.isFinite(perf.metric()))
            throw SwarmException.badRequest("loss and metric must be finite numbers");
        write(name, "Performance data of " + uid + " in " + name,
                c -> c.reportPerf(id, BigInteger.valueOf(perf.round()), toE6(perf.loss()), toE6(perf.metric()),
                        BigInteger.valueOf(perf.epochsDone()), BigInteger.valueOf(perf.totalEpochs())));
    }

    @Override
    public void checkout(String name, String uid, CheckoutMode mode) {
        byte[] id = requireUid(uid);
        if (mode == null)
            throw SwarmException.badRequest("mode is required (SNAPSHOT, ACTIVE or INACTIVE)");
        write(name, "Checkout of " + uid + " from " + name, c -> c.checkout(id, BigInteger.valueOf(mode.ordinal())));
    }

    @Override
    public RoundInfo round(String name, long round) {
        requireRound(round);
        DirectoryEntry entry = access.entry(name, EntryKind.TRAINING_CONTRACT, NOUN);
        TrainingContract c = load(entry.address());
        return access.read("Reading round " + round + " of " + name, () -> {
            BigInteger r = BigInteger.valueOf(round);
            Tuple6<byte[], Boolean, BigInteger, List<byte[]>, byte[], BigInteger> data = c.getRound(r).send();
            @SuppressWarnings("unchecked")
            List<byte[]> uids = c.roundCheckins(r).send();
            List<RoundCheckin> checkins = new ArrayList<>(uids.size());
            for (byte[] uid : uids) {
                Tuple3<byte[], BigInteger, Boolean> checkin = c.getCheckin(r, uid).send();
                checkins.add(new RoundCheckin(Bytes32.toUuid(uid), Bytes32.toHex(checkin.component1()),
                        checkin.component2().intValueExact()));
            }
            return new RoundInfo(round, Bytes32.toUuid(data.component1()), data.component2(),
                    data.component4().stream().map(Bytes32::toUuid).toList(),
                    List.copyOf(checkins), Bytes32.toHex(data.component5()),
                    c.leaderDeadline(r).send().longValueExact());
        });
    }

    private interface Call {
        RemoteFunctionCall<TransactionReceipt> on(TrainingContract contract);
    }

    private void write(String name, String what, Call call) {
        DirectoryEntry entry = access.entry(name, EntryKind.TRAINING_CONTRACT, NOUN);
        access.write(what, ContractNames.directory(name), call.on(load(entry.address())));
    }

    private TrainingContract load(String address) {
        return TrainingContract.load(address, access.chain.web3(), access.chain.transactions(), access.chain.gas());
    }

    private static byte[] requireUid(String uid) {
        return Uids.require(uid);
    }

    private static void requireRound(long round) {
        if (round < 1)
            throw SwarmException.badRequest("round must be 1 or more, was " + round);
    }

    private static BigInteger toE6(double value) {
        return BigDecimal.valueOf(value).multiply(E6).setScale(0, java.math.RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    private static double fromE6(BigInteger value) {
        return new BigDecimal(value).divide(E6).doubleValue();
    }
}
