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
import org.openswarm.ledger.internal.contracts.TrainingContract;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tuples.generated.Tuple5;
import org.web3j.tuples.generated.Tuple6;

/** Every function, event and revert of TrainingContract.sol, against a real anvil. */
class TrainingContractTest extends ContractTestSupport {
    private static final String NAME = "defaultbb.cqdb.sml.hpe";
    private static final BigInteger TIMEOUT = BigInteger.TWO;
    private static final byte[] CONTEXT = id(90);
    private static final byte[] NONE = new byte[32];
    private static final BigInteger SNAPSHOT = BigInteger.ZERO;
    private static final BigInteger ACTIVE = BigInteger.ONE;
    private static final BigInteger INACTIVE = BigInteger.TWO;
    private static final BigInteger R1 = BigInteger.ONE;
    private static final BigInteger R2 = BigInteger.TWO;
    private static final BigInteger R3 = BigInteger.valueOf(3);

    Registry registry;
    TrainingContract asSn;
    TrainingContract asStranger;

    @BeforeEach
    void deploy() throws Exception {
        registry = Registry.deploy(chain.web3, chain.signer(0), chain.gas).send();
        asSn = TrainingContract.deploy(chain.web3, chain.signer(0), chain.gas, NAME, registry.getContractAddress(),
                TIMEOUT).send();
        asStranger = TrainingContract.load(asSn.getContractAddress(), chain.web3, chain.signer(3), chain.gas);
    }

    private static BigInteger n(long value) {
        return BigInteger.valueOf(value);
    }

    /** A parameter hash for node {@code uid} in round {@code round}. */
    private static byte[] hash(int uid, int round) {
        return id(1000 + uid * 10 + round);
    }

    private TransactionReceipt enroll(int uid, int minPeers, boolean eligible) throws Exception {
        return asSn.enroll(id(uid), CONTEXT, n(minPeers), eligible).send();
    }

    private TransactionReceipt checkin(int uid, int round) throws Exception {
        return asSn.checkin(id(uid), n(round), hash(uid, round), BigInteger.ONE).send();
    }

    /** Nodes 1..count enrolled with minPeers, all eligible as leader, all checked in for round 1; node 1 leads. */
    private void roundOneCheckedIn(int count, int minPeers) throws Exception {
        for (int uid = 1; uid <= count; uid++)
            enroll(uid, minPeers, true);
        for (int uid = 1; uid <= count; uid++)
            checkin(uid, 1);
    }

    private Tuple6<byte[], Boolean, BigInteger, List<byte[]>, byte[], BigInteger> round(BigInteger round)
            throws Exception {
        return asSn.getRound(round).send();
    }

    @Test
    void deploysNamedAtRoundOne() throws Exception {
        assertEquals(NAME, asSn.name().send());
        assertEquals(registry.getContractAddress(), asSn.registry().send());
        assertEquals(TIMEOUT, asSn.leaderTimeoutSeconds().send());
        assertEquals(R1, asSn.currentRound().send());
        assertEquals(BigInteger.ZERO, asSn.status().send());
        assertEquals(BigInteger.ZERO, asSn.epoch().send());
        assertEquals(BigInteger.ZERO, asSn.enrolledCount().send());
        assertEquals(BigInteger.ZERO, asSn.minPeers().send());
        assertArrayEquals(NONE, asSn.contextHash().send());
        assertEquals(n(160), asSn.MAX_TEXT().send());
    }

    @Test
    void refusesABadConstructor() {
        String address = registry.getContractAddress();
        assertThrows(Exception.class, () -> TrainingContract.deploy(chain.web3, chain.signer(0), chain.gas, "",
                address, TIMEOUT).send());
        assertThrows(Exception.class, () -> TrainingContract.deploy(chain.web3, chain.signer(0), chain.gas,
                "x".repeat(161), address, TIMEOUT).send());
        assertThrows(Exception.class, () -> TrainingContract.deploy(chain.web3, chain.signer(0), chain.gas, NAME,
                "0x0000000000000000000000000000000000000000", TIMEOUT).send());
    }

    @Test
    void firstEnrollmentFixesTheContext() throws Exception {
        TransactionReceipt first = enroll(1, 2, true);
        List<TrainingContract.NodeEnrolledEventResponse> events = TrainingContract.getNodeEnrolledEvents(first);
        assertEquals(1, events.size());
        assertArrayEquals(id(1), events.get(0).uid);
        assertEquals(R1, events.get(0).round);
        assertTrue(events.get(0).eligibleLeader);
        assertArrayEquals(CONTEXT, asSn.contextHash().send());
        assertEquals(BigInteger.TWO, asSn.minPeers().send());

        enroll(2, 2, false);
        assertEquals(BigInteger.TWO, asSn.enrolledCount().send());
        assertArrayEquals(id(1), asSn.enrolledAt(BigInteger.ZERO).send());
        assertArrayEquals(id(2), asSn.enrolledAt(BigInteger.ONE).send());
        Tuple4<Boolean, Boolean, Boolean, BigInteger> state = asSn.nodeState(id(2)).send();
        assertTrue(state.component1());
        assertFalse(state.component2());
        assertFalse(state.component3());
        assertEquals(BigInteger.ZERO, state.component4());
        assertFalse(asSn.nodeState(id(7)).send().component1());
        assertReverts("TrainingContract: index out of range", () -> asSn.enrolledAt(BigInteger.TWO).send());
    }

    @Test
    void enrollingAgainIsANoOpOrAnEligibilityChange() throws Exception {
        enroll(1, 2, true);
        TransactionReceipt same = enroll(1, 2, true);
        assertTrue(TrainingContract.getNodeEnrolledEvents(same).isEmpty());
        assertTrue(TrainingContract.getLeaderEligibilityChangedEvents(same).isEmpty());
        assertEquals(BigInteger.ONE, asSn.enrolledCount().send());

        TransactionReceipt changed = enroll(1, 2, false);
        List<TrainingContract.LeaderEligibilityChangedEventResponse> events =
                TrainingContract.getLeaderEligibilityChangedEvents(changed);
        assertEquals(1, events.size());
        assertFalse(events.get(0).eligibleLeader);
        assertFalse(asSn.nodeState(id(1)).send().component2());
    }

    @Test
    void refusesAnotherContext() throws Exception {
        enroll(1, 2, true);
        assertReverts("TrainingContract: ML context differs from this training's",
                () -> asSn.enroll(id(2), id(91), n(2), true).send());
        assertReverts("TrainingContract: ML context differs from this training's", () -> enroll(2, 3, true));
        assertReverts("TrainingContract: node enrolled cannot change ML context",
                () -> asSn.enroll(id(1), id(91), n(2), true).send());
        assertReverts("TrainingContract: node enrolled cannot change ML context", () -> enroll(1, 3, true));
        assertReverts("TrainingContract: minPeers must be at least 1", () -> enroll(3, 0, true));
        assertReverts("TrainingContract: uid must not be zero",
                () -> asSn.enroll(NONE, CONTEXT, n(2), true).send());
    }

    @Test
    void lateJoinersEnrollAtTheCurrentRound() throws Exception {
        roundOneCheckedIn(1, 1);
        asSn.freeze(id(1), R1, List.of(id(1))).send();
        asSn.publishMerged(id(1), R1, id(77)).send();
        TransactionReceipt late = enroll(2, 1, true);
        assertEquals(R2, TrainingContract.getNodeEnrolledEvents(late).get(0).round);
    }

    @Test
    void checkInsElectTheFirstEligibleLeaderAndReachQuorum() throws Exception {
        enroll(1, 2, false);
        enroll(2, 2, true);
        enroll(3, 2, true);
        TransactionReceipt first = asSn.checkin(id(1), R1, hash(1, 1), n(7)).send();
        List<TrainingContract.CheckedInEventResponse> checkedIn = TrainingContract.getCheckedInEvents(first);
        assertEquals(1, checkedIn.size());
        assertArrayEquals(id(1), checkedIn.get(0).uid);
        assertEquals(R1, checkedIn.get(0).round);
        assertArrayEquals(hash(1, 1), checkedIn.get(0).paramHash);
        assertEquals(n(7), checkedIn.get(0).weight);
        assertTrue(TrainingContract.getLeaderElectedEvents(first).isEmpty());
        assertTrue(TrainingContract.getQuorumReachedEvents(first).isEmpty());

        TransactionReceipt second = checkin(2, 1);
        List<TrainingContract.LeaderElectedEventResponse> elected = TrainingContract.getLeaderElectedEvents(second);
        assertEquals(1, elected.size());
        assertEquals(R1, elected.get(0).round);
        assertArrayEquals(id(2), elected.get(0).uid);
        List<TrainingContract.QuorumReachedEventResponse> quorum = TrainingContract.getQuorumReachedEvents(second);
        assertEquals(1, quorum.size());
        assertEquals(R1, quorum.get(0).round);
        assertEquals(BigInteger.TWO, quorum.get(0).count);

        TransactionReceipt third = checkin(3, 1);
        assertTrue(TrainingContract.getLeaderElectedEvents(third).isEmpty());
        assertTrue(TrainingContract.getQuorumReachedEvents(third).isEmpty());

        var r = round(R1);
        assertArrayEquals(id(2), r.component1());
        assertFalse(r.component2());
        assertEquals(BigInteger.ZERO, r.component3());
        assertTrue(r.component4().isEmpty());
        assertArrayEquals(NONE, r.component5());
        assertEquals(n(3), r.component6());
        List<?> order = asSn.roundCheckins(R1).send();
        assertEquals(3, order.size());
        assertArrayEquals(id(1), (byte[]) order.get(0));
        assertArrayEquals(id(3), (byte[]) order.get(2));
        var c = asSn.getCheckin(R1, id(1)).send();
        assertArrayEquals(hash(1, 1), c.component1());
        assertEquals(n(7), c.component2());
        assertTrue(c.component3());
        assertFalse(asSn.getCheckin(R2, id(1)).send().component3());
    }

    @Test
    void repeatingACheckInIsANoOpAndAnotherHashIsRefused() throws Exception {
        enroll(1, 1, true);
        checkin(1, 1);
        TransactionReceipt again = checkin(1, 1);
        assertTrue(TrainingContract.getCheckedInEvents(again).isEmpty());
        assertEquals(BigInteger.ONE, round(R1).component6());
        assertReverts("TrainingContract: already checked in for this round",
                () -> asSn.checkin(id(1), R1, id(55), BigInteger.ONE).send());
    }

    @Test
    void refusesBadCheckIns() throws Exception {
        enroll(1, 1, true);
        assertReverts("TrainingContract: node is not enrolled", () -> checkin(2, 1));
        assertReverts("TrainingContract: weight must be 1..100",
                () -> asSn.checkin(id(1), R1, hash(1, 1), BigInteger.ZERO).send());
        assertReverts("TrainingContract: weight must be 1..100",
                () -> asSn.checkin(id(1), R1, hash(1, 1), n(101)).send());
        assertReverts("TrainingContract: round is in the future", () -> checkin(1, 3));
        asSn.checkin(id(1), R1, hash(1, 1), n(100)).send();
    }

    @Test
    void aCheckInForTheNextRoundIsRecordedThere() throws Exception {
        roundOneCheckedIn(2, 2);
        TransactionReceipt ahead = checkin(1, 2);
        assertEquals(R2, TrainingContract.getCheckedInEvents(ahead).get(0).round);
        assertEquals(1, TrainingContract.getLeaderElectedEvents(ahead).size());
        assertArrayEquals(id(1), round(R2).component1());
        assertReverts("TrainingContract: only the current round can be frozen",
                () -> asSn.freeze(id(1), R2, List.of(id(1))).send());
    }

    @Test
    void freezesTheParticipants() throws Exception {
        roundOneCheckedIn(3, 2);
        TransactionReceipt receipt = asSn.freeze(id(1), R1, List.of(id(1), id(3))).send();
        List<TrainingContract.RoundFrozenEventResponse> events = TrainingContract.getRoundFrozenEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(R1, events.get(0).round);
        assertArrayEquals(id(1), events.get(0).leaderUid);
        assertEquals(2, events.get(0).participants.size());
        assertArrayEquals(id(3), events.get(0).participants.get(1));
        var r = round(R1);
        assertTrue(r.component2());
        assertTrue(r.component3().signum() > 0);
        assertEquals(2, r.component4().size());
        assertArrayEquals(id(1), r.component4().get(0));
        BigInteger deadline = asSn.leaderDeadline(R1).send();
        assertEquals(r.component3().add(TIMEOUT), deadline);
        assertEquals(BigInteger.ZERO, asSn.leaderDeadline(R2).send());

        TransactionReceipt again = asSn.freeze(id(1), R1, List.of(id(1), id(3))).send();
        assertTrue(TrainingContract.getRoundFrozenEvents(again).isEmpty());
        assertReverts("TrainingContract: round is already frozen",
                () -> asSn.freeze(id(1), R1, List.of(id(1), id(2))).send());
        assertReverts("TrainingContract: round is already frozen",
                () -> asSn.freeze(id(2), R1, List.of(id(1), id(3))).send());
    }

    @Test
    void refusesBadFreezes() throws Exception {
        enroll(1, 2, true);
        enroll(2, 2, true);
        enroll(3, 2, true);
        enroll(4, 2, true);
        checkin(1, 1);
        checkin(2, 1);
        checkin(3, 1);
        assertReverts("TrainingContract: not the leader of this round",
                () -> asSn.freeze(id(2), R1, List.of(id(1), id(2))).send());
        assertReverts("TrainingContract: not the leader of this round",
                () -> asSn.freeze(NONE, R3, List.of(id(1), id(2))).send());
        assertReverts("TrainingContract: participants must not be empty",
                () -> asSn.freeze(id(1), R1, List.of()).send());
        assertReverts("TrainingContract: fewer participants than minPeers",
                () -> asSn.freeze(id(1), R1, List.of(id(1))).send());
        assertReverts("TrainingContract: participant has not checked in for this round",
                () -> asSn.freeze(id(1), R1, List.of(id(1), id(4))).send());
        assertReverts("TrainingContract: duplicate participant",
                () -> asSn.freeze(id(1), R1, List.of(id(1), id(1))).send());
        assertReverts("TrainingContract: the leader must be a participant",
                () -> asSn.freeze(id(1), R1, List.of(id(2), id(3))).send());
        assertFalse(round(R1).component2());
    }

    @Test
    void aCheckInForAFrozenRoundGoesToTheNextRound() throws Exception {
        roundOneCheckedIn(2, 2);
        enroll(3, 2, true);
        asSn.freeze(id(1), R1, List.of(id(1), id(2))).send();
        TransactionReceipt late = checkin(3, 1);
        List<TrainingContract.CheckedInEventResponse> events = TrainingContract.getCheckedInEvents(late);
        assertEquals(R2, events.get(0).round);
        assertTrue(asSn.getCheckin(R2, id(3)).send().component3());
        assertFalse(asSn.getCheckin(R1, id(3)).send().component3());
        assertArrayEquals(id(3), round(R2).component1());

        TransactionReceipt replay = checkin(3, 1);
        assertTrue(TrainingContract.getCheckedInEvents(replay).isEmpty());
        assertReverts("TrainingContract: already checked in for this round",
                () -> asSn.checkin(id(3), R1, id(55), BigInteger.ONE).send());
    }

    @Test
    void theLeaderPublishesTheMergedHashAndTheNextRoundStarts() throws Exception {
        roundOneCheckedIn(2, 2);
        assertReverts("TrainingContract: round is not frozen", () -> asSn.publishMerged(id(1), R1, id(77)).send());
        asSn.freeze(id(1), R1, List.of(id(1), id(2))).send();
        assertReverts("TrainingContract: not the leader of this round",
                () -> asSn.publishMerged(id(2), R1, id(77)).send());
        assertReverts("TrainingContract: merged hash must not be zero",
                () -> asSn.publishMerged(id(1), R1, NONE).send());

        TransactionReceipt receipt = asSn.publishMerged(id(1), R1, id(77)).send();
        List<TrainingContract.MergedPublishedEventResponse> events = TrainingContract.getMergedPublishedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(R1, events.get(0).round);
        assertArrayEquals(id(77), events.get(0).mergedHash);
        assertArrayEquals(id(1), events.get(0).leaderUid);
        assertEquals(R2, asSn.currentRound().send());
        assertArrayEquals(id(77), round(R1).component5());

        TransactionReceipt again = asSn.publishMerged(id(1), R1, id(77)).send();
        assertTrue(TrainingContract.getMergedPublishedEvents(again).isEmpty());
        assertReverts("TrainingContract: round is already merged", () -> asSn.publishMerged(id(1), R1, id(78)).send());

        // a replayed check-in of the merged round changes nothing; a new one is told to adopt the merged model
        assertTrue(TrainingContract.getCheckedInEvents(checkin(1, 1)).isEmpty());
        enroll(3, 2, true);
        assertReverts("TrainingContract: round already merged; adopt the latest merged model", () -> checkin(3, 1));
        assertEquals(R2, TrainingContract.getCheckedInEvents(checkin(3, 2)).get(0).round);
    }

    @Test
    void failoverHandsTheMergeToTheNextEligibleParticipantAfterTheDeadline() throws Exception {
        enroll(1, 3, true);
        enroll(2, 3, false);
        enroll(3, 3, true);
        enroll(4, 3, true);
        for (int uid = 1; uid <= 4; uid++)
            checkin(uid, 1);
        assertReverts("TrainingContract: leader deadline has not passed",
                () -> asSn.failover(id(2), R1, round(R1).component1()).send());
        asSn.freeze(id(1), R1, List.of(id(1), id(2), id(3))).send();
        assertReverts("TrainingContract: leader deadline has not passed", () -> asSn.failover(id(2), R1, round(R1).component1()).send());
        assertReverts("TrainingContract: node is not a participant of this round",
                () -> asSn.failover(id(4), R1, round(R1).component1()).send());

        chain.increaseTime(5);
        TransactionReceipt receipt = asSn.failover(id(2), R1, round(R1).component1()).send();
        List<TrainingContract.LeaderChangedEventResponse> events = TrainingContract.getLeaderChangedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(R1, events.get(0).round);
        assertArrayEquals(id(1), events.get(0).oldLeader);
        assertArrayEquals(id(3), events.get(0).newLeader); // node 2 is not eligible
        assertArrayEquals(id(3), round(R1).component1());
        assertTrue(asSn.leaderDeadline(R1).send().compareTo(round(R1).component3().add(TIMEOUT)) > 0);
        assertReverts("TrainingContract: leader deadline has not passed", () -> asSn.failover(id(2), R1, round(R1).component1()).send());

        chain.increaseTime(5);
        TransactionReceipt wrapped = asSn.failover(id(3), R1, round(R1).component1()).send();
        assertArrayEquals(id(1), TrainingContract.getLeaderChangedEvents(wrapped).get(0).newLeader);

        chain.increaseTime(5);
        asSn.failover(id(1), R1, round(R1).component1()).send();
        assertReverts("TrainingContract: not the leader of this round",
                () -> asSn.publishMerged(id(1), R1, id(77)).send());
        asSn.publishMerged(id(3), R1, id(77)).send();
        assertReverts("TrainingContract: round is already merged", () -> asSn.failover(id(2), R1, round(R1).component1()).send());
        assertEquals(R2, asSn.currentRound().send());
    }

    @Test
    void aLeaderThatNeverFreezesIsReplacedOnceTheQuorumWaitedLongEnough() throws Exception {
        enroll(1, 2, true);
        enroll(2, 2, false);
        enroll(3, 2, true);
        checkin(1, 1);
        assertEquals(BigInteger.ZERO, asSn.leaderDeadline(R1).send(), "no quorum: no deadline");
        chain.increaseTime(5);
        assertReverts("TrainingContract: round has no quorum yet", () -> asSn.failover(id(1), R1, id(1)).send());
        assertReverts("TrainingContract: node has not checked in for this round",
                () -> asSn.failover(id(3), R1, id(1)).send());
        checkin(2, 1);
        assertTrue(asSn.leaderDeadline(R1).send().signum() > 0, "the quorum starts the leader's deadline");
        assertReverts("TrainingContract: leader deadline has not passed", () -> asSn.failover(id(2), R1, id(1)).send());
        checkin(3, 1);
        chain.increaseTime(5);
        TransactionReceipt receipt = asSn.failover(id(2), R1, id(1)).send();
        assertArrayEquals(id(3), TrainingContract.getLeaderChangedEvents(receipt).get(0).newLeader,
                "the next eligible node in check-in order (2 is not eligible)");
        assertTrue(TrainingContract.getLeaderChangedEvents(asSn.failover(id(2), R1, id(1)).send()).isEmpty(),
                "a replay changes nothing");
        assertReverts("TrainingContract: not the leader of this round",
                () -> asSn.freeze(id(1), R1, List.of(id(1), id(2))).send());
        asSn.freeze(id(3), R1, List.of(id(1), id(2), id(3))).send();
        asSn.publishMerged(id(3), R1, id(77)).send();
        assertEquals(BigInteger.ZERO, asSn.leaderDeadline(R1).send(), "merged: no deadline");
        assertEquals(R2, asSn.currentRound().send());
    }

    @Test
    void aReplayedFailoverAfterTheLeaderMovedChangesNothing() throws Exception {
        enroll(1, 2, true);
        enroll(2, 2, true);
        checkin(1, 1);
        checkin(2, 1);
        asSn.freeze(id(1), R1, List.of(id(1), id(2))).send();
        chain.increaseTime(5);
        asSn.failover(id(2), R1, id(1)).send();
        assertArrayEquals(id(2), round(R1).component1());
        chain.increaseTime(5);
        TransactionReceipt replayed = asSn.failover(id(2), R1, id(1)).send();
        assertTrue(TrainingContract.getLeaderChangedEvents(replayed).isEmpty());
        assertArrayEquals(id(2), round(R1).component1(), "the leader stays where the first failover put it");
    }

    @Test
    void failoverNeedsAnotherEligibleParticipant() throws Exception {
        enroll(1, 2, true);
        enroll(2, 2, false);
        checkin(1, 1);
        checkin(2, 1);
        asSn.freeze(id(1), R1, List.of(id(1), id(2))).send();
        chain.increaseTime(5);
        assertReverts("TrainingContract: no other participant is eligible as leader",
                () -> asSn.failover(id(2), R1, round(R1).component1()).send());
    }

    @Test
    void recordsTheLatestPerformanceOfANode() throws Exception {
        enroll(1, 1, true);
        assertReverts("TrainingContract: node is not enrolled",
                () -> asSn.reportPerf(id(2), R1, n(1), n(2), n(1), n(5)).send());
        assertReverts("TrainingContract: epochsDone exceeds totalEpochs",
                () -> asSn.reportPerf(id(1), R1, n(1), n(2), n(6), n(5)).send());
        asSn.reportPerf(id(1), R1, n(900_000), n(500_000), n(1), n(5)).send();
        TransactionReceipt receipt = asSn.reportPerf(id(1), R2, n(-250_000), n(930_000), n(2), n(5)).send();
        List<TrainingContract.PerfReportedEventResponse> events = TrainingContract.getPerfReportedEvents(receipt);
        assertEquals(1, events.size());
        assertArrayEquals(id(1), events.get(0).uid);
        assertEquals(R2, events.get(0).round);
        assertEquals(n(-250_000), events.get(0).lossE6);
        assertEquals(n(930_000), events.get(0).metricE6);
        assertEquals(n(2), events.get(0).epochsDone);
        assertEquals(n(5), events.get(0).totalEpochs);
        Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> perf = asSn.getPerf(id(1)).send();
        assertEquals(R2, perf.component1());
        assertEquals(n(-250_000), perf.component2());
        assertEquals(n(930_000), perf.component3());
        assertEquals(n(2), perf.component4());
        assertEquals(n(5), perf.component5());
        assertEquals(BigInteger.ZERO, asSn.getPerf(id(9)).send().component5());
    }

    @Test
    void theTrainingFinishesWhenEveryNodeHasCheckedOut() throws Exception {
        enroll(1, 1, true);
        enroll(2, 1, true);
        enroll(3, 1, true);
        assertReverts("TrainingContract: checkout mode must be 0..2", () -> asSn.checkout(id(1), n(3)).send());
        assertReverts("TrainingContract: node is not enrolled", () -> asSn.checkout(id(9), SNAPSHOT).send());

        TransactionReceipt receipt = asSn.checkout(id(1), SNAPSHOT).send();
        List<TrainingContract.CheckedOutEventResponse> events = TrainingContract.getCheckedOutEvents(receipt);
        assertEquals(1, events.size());
        assertArrayEquals(id(1), events.get(0).uid);
        assertEquals(SNAPSHOT, events.get(0).mode);
        assertEquals(R1, events.get(0).round);
        assertTrue(TrainingContract.getTrainingFinishedEvents(receipt).isEmpty());
        var state = asSn.nodeState(id(1)).send();
        assertTrue(state.component3());
        assertEquals(SNAPSHOT, state.component4());

        TransactionReceipt again = asSn.checkout(id(1), SNAPSHOT).send();
        assertTrue(TrainingContract.getCheckedOutEvents(again).isEmpty());
        assertReverts("TrainingContract: node has already checked out in another mode",
                () -> asSn.checkout(id(1), ACTIVE).send());

        // closed nodes stay in the rounds (SNAPSHOT, ACTIVE) unless they left INACTIVE
        asSn.checkout(id(2), INACTIVE).send();
        checkin(1, 1);
        assertReverts("TrainingContract: node has checked out", () -> checkin(2, 1));
        assertEquals(BigInteger.TWO, asSn.closedCount().send());
        assertEquals(BigInteger.ZERO, asSn.status().send());

        TransactionReceipt last = asSn.checkout(id(3), ACTIVE).send();
        List<TrainingContract.TrainingFinishedEventResponse> finished =
                TrainingContract.getTrainingFinishedEvents(last);
        assertEquals(1, finished.size());
        assertEquals(R1, finished.get(0).round);
        assertEquals(BigInteger.ONE, asSn.status().send());
        assertReverts("TrainingContract: training is finished", () -> enroll(4, 1, true));
        assertTrue(TrainingContract.getNodeEnrolledEvents(enroll(3, 1, true)).isEmpty());
    }

    @Test
    void resetStartsAFreshTraining() throws Exception {
        roundOneCheckedIn(1, 1);
        asSn.freeze(id(1), R1, List.of(id(1))).send();
        asSn.publishMerged(id(1), R1, id(77)).send();
        asSn.reportPerf(id(1), R1, n(1), n(2), n(1), n(1)).send();
        asSn.checkout(id(1), SNAPSHOT).send();
        assertEquals(BigInteger.ONE, asSn.status().send());

        TransactionReceipt receipt = asSn.reset().send();
        List<TrainingContract.ContractResetEventResponse> events = TrainingContract.getContractResetEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(BigInteger.ONE, events.get(0).epoch);
        assertEquals(BigInteger.ONE, asSn.epoch().send());
        assertEquals(BigInteger.ZERO, asSn.status().send());
        assertEquals(R1, asSn.currentRound().send());
        assertEquals(BigInteger.ZERO, asSn.enrolledCount().send());
        assertEquals(BigInteger.ZERO, asSn.closedCount().send());
        assertEquals(BigInteger.ZERO, asSn.minPeers().send());
        assertArrayEquals(NONE, asSn.contextHash().send());
        assertFalse(asSn.nodeState(id(1)).send().component1());
        assertFalse(asSn.getCheckin(R1, id(1)).send().component3());
        assertFalse(round(R1).component2());
        assertArrayEquals(NONE, round(R1).component5());
        assertEquals(BigInteger.ZERO, asSn.getPerf(id(1)).send().component1());

        asSn.enroll(id(1), id(91), n(3), true).send();
        assertArrayEquals(id(91), asSn.contextHash().send());
        assertEquals(n(3), asSn.minPeers().send());
    }

    @Test
    void onlyRegisteredSnAccountsWrite() throws Exception {
        roundOneCheckedIn(1, 1);
        String reason = "TrainingContract: caller is not a registered SN account";
        assertReverts(reason, () -> asStranger.enroll(id(2), CONTEXT, n(1), true).send());
        assertReverts(reason, () -> asStranger.checkin(id(1), R1, hash(1, 1), BigInteger.ONE).send());
        assertReverts(reason, () -> asStranger.freeze(id(1), R1, List.of(id(1))).send());
        assertReverts(reason, () -> asStranger.publishMerged(id(1), R1, id(77)).send());
        assertReverts(reason, () -> asStranger.failover(id(1), R1, id(1)).send());
        assertReverts(reason, () -> asStranger.reportPerf(id(1), R1, n(1), n(1), n(1), n(1)).send());
        assertReverts(reason, () -> asStranger.checkout(id(1), SNAPSHOT).send());
        assertReverts(reason, () -> asStranger.reset().send());
        assertEquals(R1, asStranger.currentRound().send());
    }
}
