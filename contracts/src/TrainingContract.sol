// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IRegistry.sol";

/// @title OpenSwarm training contract (the blackboard of one named training)
/// @notice Enrollment with the ML context hash, per-round check-ins of parameter hashes and weights, the leader of each
/// round, the frozen participant list, the merged hash, leader failover after a deadline, per-node performance data,
/// checkout and reset. Parameters never come on chain, only their SHA-256 hashes.
/// Rounds start at 1; the current round is the one after the last merged round. Writers are the accounts of registered
/// SNs (read from the Registry); node identities are uids in the arguments, since many nodes share one SN account.
/// Every write is idempotent where the protocol allows it (a repeated enrollment, check-in, freeze, publish or checkout
/// with the same data changes nothing), so an SN can replay its outbox after a chain restart.
/// reset() clears everything by bumping the epoch that keys all the training's state.
contract TrainingContract {
    enum Status { ACTIVE, FINISHED }
    enum CheckoutMode { SNAPSHOT, ACTIVE, INACTIVE }

    struct Training {
        bytes32 contextHash;
        uint16 minPeers;
        uint64 lastMergedRound;
        Status status;
        uint256 closedCount;
        bytes32[] enrolled;
    }

    struct Node {
        bool enrolled;
        bool eligibleLeader;
        bool closed;
        uint8 checkoutMode;
    }

    struct Round {
        bytes32 leader;
        bool frozen;
        uint64 freezeTime;
        uint64 leaderSince;
        uint64 quorumTime;
        uint32 leaderIndex;
        bytes32 participantsHash;
        bytes32 frozenBy;
        bytes32 mergedHash;
        bytes32[] participants;
        bytes32[] checkins;
    }

    struct Checkin {
        bytes32 paramHash;
        uint8 weight;
        bool exists;
    }

    struct Perf {
        uint64 round;
        int256 lossE6;
        int256 metricE6;
        uint32 epochsDone;
        uint32 totalEpochs;
    }

    uint256 public constant MAX_TEXT = 160;

    string public name;
    address public immutable registry;
    uint64 public immutable leaderTimeoutSeconds;
    uint64 public epoch;

    mapping(uint64 => Training) private trainings;
    mapping(uint64 => mapping(bytes32 => Node)) private nodes;
    mapping(uint64 => mapping(uint64 => Round)) private rounds;
    mapping(uint64 => mapping(uint64 => mapping(bytes32 => Checkin))) private checkins;
    mapping(uint64 => mapping(uint64 => mapping(bytes32 => bool))) private participating;
    mapping(uint64 => mapping(bytes32 => Perf)) private perfs;

    event NodeEnrolled(bytes32 indexed uid, uint64 round, bool eligibleLeader);
    event LeaderEligibilityChanged(bytes32 indexed uid, bool eligibleLeader);
    event CheckedIn(bytes32 indexed uid, uint64 indexed round, bytes32 paramHash, uint8 weight);
    event LeaderElected(uint64 indexed round, bytes32 uid);
    event QuorumReached(uint64 indexed round, uint256 count);
    event RoundFrozen(uint64 indexed round, bytes32 leaderUid, bytes32[] participants);
    event MergedPublished(uint64 indexed round, bytes32 mergedHash, bytes32 leaderUid);
    event LeaderChanged(uint64 indexed round, bytes32 oldLeader, bytes32 newLeader);
    event PerfReported(bytes32 indexed uid, uint64 round, int256 lossE6, int256 metricE6, uint32 epochsDone,
        uint32 totalEpochs);
    event CheckedOut(bytes32 indexed uid, uint8 mode, uint64 round);
    event TrainingFinished(uint64 round);
    event ContractReset(uint64 epoch);

    modifier onlyWriter() {
        require(IRegistry(registry).writers(msg.sender), "TrainingContract: caller is not a registered SN account");
        _;
    }

    constructor(string memory name_, address registry_, uint64 leaderTimeoutSeconds_) {
        require(bytes(name_).length > 0, "TrainingContract: name must not be empty");
        require(bytes(name_).length <= MAX_TEXT, "TrainingContract: name is too long (max 160 bytes)");
        require(registry_ != address(0), "TrainingContract: registry address must not be zero");
        name = name_;
        registry = registry_;
        leaderTimeoutSeconds = leaderTimeoutSeconds_;
    }

    // ---------------------------------------------------------------------------------------------------- enrollment

    /// Enrolls a node. The first enrollment of the training fixes its ML context hash and minPeers; every later node
    /// must bring the same. A node that enrolls late joins at the current round (from the latest merged model).
    /// Enrolling again with the same context is a no-op (a changed eligibleLeader flag is taken over).
    function enroll(bytes32 uid, bytes32 contextHash_, uint16 minPeers_, bool eligibleLeader) external onlyWriter {
        require(uid != bytes32(0), "TrainingContract: uid must not be zero");
        require(minPeers_ >= 1, "TrainingContract: minPeers must be at least 1");
        Training storage t = trainings[epoch];
        Node storage node = nodes[epoch][uid];
        if (node.enrolled) {
            require(t.contextHash == contextHash_ && t.minPeers == minPeers_,
                "TrainingContract: node enrolled cannot change ML context");
            if (node.eligibleLeader != eligibleLeader) {
                node.eligibleLeader = eligibleLeader;
                emit LeaderEligibilityChanged(uid, eligibleLeader);
            }
            return;
        }
        require(t.status == Status.ACTIVE, "TrainingContract: training is finished");
        if (t.enrolled.length == 0) {
            t.contextHash = contextHash_;
            t.minPeers = minPeers_;
        } else {
            require(t.contextHash == contextHash_ && t.minPeers == minPeers_,
                "TrainingContract: ML context differs from this training's");
        }
        node.enrolled = true;
        node.eligibleLeader = eligibleLeader;
        t.enrolled.push(uid);
        emit NodeEnrolled(uid, t.lastMergedRound + 1, eligibleLeader);
    }

    // ------------------------------------------------------------------------------------------------------- rounds

    /// Checks a node in for a round with the hash of its parameters and its weight (1..100).
    /// round == current and not frozen: recorded for the current round. round == current and already frozen: a late
    /// check-in, recorded for the next round. round == current + 1: recorded for that round. An older round is refused
    /// (the node adopts the latest merged model first); a later one too. The first node eligible as leader to check in
    /// for a round becomes its leader. A repeat with the same hash is a no-op. A node that has checked out in SNAPSHOT
    /// or ACTIVE mode still checks in (it stays in the rounds until the training ends, so the others keep their
    /// quorum); one that checked out INACTIVE no longer does.
    function checkin(bytes32 uid, uint64 round, bytes32 paramHash, uint8 weight) external onlyWriter {
        Node storage node = nodes[epoch][uid];
        require(node.enrolled, "TrainingContract: node is not enrolled");
        require(!node.closed || node.checkoutMode != uint8(CheckoutMode.INACTIVE),
            "TrainingContract: node has checked out");
        require(weight >= 1 && weight <= 100, "TrainingContract: weight must be 1..100");

        uint64 current = trainings[epoch].lastMergedRound + 1;
        require(round <= current + 1, "TrainingContract: round is in the future");
        Checkin storage existing = checkins[epoch][round][uid];
        if (existing.exists) {
            require(existing.paramHash == paramHash, "TrainingContract: already checked in for this round");
            return;
        }
        Checkin storage redirected = checkins[epoch][round + 1][uid];
        if (redirected.exists && redirected.paramHash == paramHash && rounds[epoch][round].frozen) {
            return; // a replay of a late check-in that went to the next round
        }

        require(round >= current, "TrainingContract: round already merged; adopt the latest merged model");
        uint64 effective = round;
        if (round == current && rounds[epoch][current].frozen) {
            effective = current + 1;
            require(!redirected.exists, "TrainingContract: already checked in for this round");
        }

        checkins[epoch][effective][uid] = Checkin(paramHash, weight, true);
        Round storage r = rounds[epoch][effective];
        r.checkins.push(uid);
        emit CheckedIn(uid, effective, paramHash, weight);
        if (r.leader == bytes32(0) && node.eligibleLeader) {
            r.leader = uid;
            emit LeaderElected(effective, uid);
        }
        if (r.checkins.length == trainings[epoch].minPeers) {
            r.quorumTime = uint64(block.timestamp);
            emit QuorumReached(effective, r.checkins.length);
        }
    }

    /// The leader freezes the current round's participants (in the order it will merge them; the leader is one of
    /// them). Each must have checked in for the round, at least minPeers of them, no duplicates. Starts the leader's
    /// deadline. Repeating the same freeze is a no-op.
    function freeze(bytes32 leaderUid, uint64 round, bytes32[] calldata participants) external onlyWriter {
        Round storage r = rounds[epoch][round];
        bytes32 listHash = keccak256(abi.encodePacked(participants));
        if (r.frozen) {
            require(r.frozenBy == leaderUid && r.participantsHash == listHash, "TrainingContract: round is already frozen");
            return;
        }
        require(leaderUid != bytes32(0) && r.leader == leaderUid, "TrainingContract: not the leader of this round");
        require(round == trainings[epoch].lastMergedRound + 1, "TrainingContract: only the current round can be frozen");
        require(participants.length > 0, "TrainingContract: participants must not be empty");
        require(participants.length >= trainings[epoch].minPeers, "TrainingContract: fewer participants than minPeers");
        bool leaderFound = false;
        uint32 leaderIndex = 0;
        mapping(bytes32 => bool) storage seen = participating[epoch][round];
        for (uint256 i = 0; i < participants.length; i++) {
            bytes32 p = participants[i];
            require(checkins[epoch][round][p].exists, "TrainingContract: participant has not checked in for this round");
            require(!seen[p], "TrainingContract: duplicate participant");
            seen[p] = true;
            if (p == leaderUid) {
                leaderFound = true;
                leaderIndex = uint32(i);
            }
        }
        require(leaderFound, "TrainingContract: the leader must be a participant");
        r.frozen = true;
        r.freezeTime = uint64(block.timestamp);
        r.leaderSince = uint64(block.timestamp);
        r.leaderIndex = leaderIndex;
        r.participantsHash = listHash;
        r.frozenBy = leaderUid;
        r.participants = participants;
        emit RoundFrozen(round, leaderUid, participants);
    }

    /// The leader publishes the hash of the merged model of a frozen round; the next round becomes current.
    /// Publishing the same hash again is a no-op.
    function publishMerged(bytes32 leaderUid, uint64 round, bytes32 mergedHash) external onlyWriter {
        Round storage r = rounds[epoch][round];
        require(r.frozen, "TrainingContract: round is not frozen");
        if (r.mergedHash != bytes32(0)) {
            require(r.mergedHash == mergedHash, "TrainingContract: round is already merged");
            return;
        }
        require(r.leader == leaderUid, "TrainingContract: not the leader of this round");
        require(mergedHash != bytes32(0), "TrainingContract: merged hash must not be zero");
        r.mergedHash = mergedHash;
        trainings[epoch].lastMergedRound = round;
        emit MergedPublished(round, mergedHash, leaderUid);
    }

    /// Leader failover (reference LFDR). The caller names the leader it replaces (failedLeader): when that leader was
    /// already replaced the call does nothing, so an SN replaying its outbox never moves the leader twice.
    /// Frozen round: a participant whose merged hash has not appeared within leaderTimeoutSeconds of the freeze (or of
    /// the last failover) hands the merge to the next participant eligible as leader, in participant order after the
    /// current leader, wrapping around. Unfrozen current round: once minPeers have checked in, a node that checked in
    /// may hand the round to the next eligible node in check-in order when the leader has not frozen it within
    /// leaderTimeoutSeconds of the quorum (or of the last failover): a leader that died before its freeze must not
    /// block the training. A quorum wait below minPeers never times out. The failed leader may contribute as a plain
    /// peer in later rounds.
    function failover(bytes32 uid, uint64 round, bytes32 failedLeader) external onlyWriter {
        Round storage r = rounds[epoch][round];
        require(r.mergedHash == bytes32(0), "TrainingContract: round is already merged");
        // The failed leader was already replaced (by another participant, or this same call replayed): nothing to do.
        if (r.leader != failedLeader) {
            return;
        }
        if (r.frozen) {
            require(participating[epoch][round][uid], "TrainingContract: node is not a participant of this round");
            require(block.timestamp >= uint256(r.leaderSince) + leaderTimeoutSeconds,
                "TrainingContract: leader deadline has not passed");
            _handOver(r, round, r.participants, r.leaderIndex);
            return;
        }
        require(round == trainings[epoch].lastMergedRound + 1, "TrainingContract: only the current round can fail over");
        require(checkins[epoch][round][uid].exists, "TrainingContract: node has not checked in for this round");
        require(r.quorumTime != 0, "TrainingContract: round has no quorum yet");
        require(block.timestamp >= uint256(_unfrozenSince(r)) + leaderTimeoutSeconds,
            "TrainingContract: leader deadline has not passed");
        uint32 index = 0;
        for (uint256 i = 0; i < r.checkins.length; i++) {
            if (r.checkins[i] == r.leader) {
                index = uint32(i);
            }
        }
        _handOver(r, round, r.checkins, index);
    }

    function _unfrozenSince(Round storage r) private view returns (uint64) {
        return r.leaderSince > r.quorumTime ? r.leaderSince : r.quorumTime;
    }

    /// Moves the round to the next node of candidates eligible as leader after the current one (at leaderIndex).
    function _handOver(Round storage r, uint64 round, bytes32[] storage candidates, uint32 leaderIndex) private {
        uint256 count = candidates.length;
        bytes32 oldLeader = r.leader;
        for (uint256 step = 1; step < count; step++) {
            uint256 index = (leaderIndex + step) % count;
            bytes32 candidate = candidates[index];
            if (candidate != oldLeader && nodes[epoch][candidate].eligibleLeader) {
                r.leader = candidate;
                r.leaderIndex = uint32(index);
                r.leaderSince = uint64(block.timestamp);
                emit LeaderChanged(round, oldLeader, candidate);
                return;
            }
        }
        revert("TrainingContract: no other participant is eligible as leader");
    }

    // ---------------------------------------------------------------------------------------------- node reporting

    /// Records a node's latest performance data (loss and metric scaled by 1e6, epochs done of total).
    function reportPerf(bytes32 uid, uint64 round, int256 lossE6, int256 metricE6, uint32 epochsDone,
        uint32 totalEpochs) external onlyWriter {
        require(nodes[epoch][uid].enrolled, "TrainingContract: node is not enrolled");
        require(epochsDone <= totalEpochs, "TrainingContract: epochsDone exceeds totalEpochs");
        perfs[epoch][uid] = Perf(round, lossE6, metricE6, epochsDone, totalEpochs);
        emit PerfReported(uid, round, lossE6, metricE6, epochsDone, totalEpochs);
    }

    /// A node ends its training (checkinModelOnTrainEnd: 0 SNAPSHOT, 1 ACTIVE, 2 INACTIVE). When every enrolled node
    /// has checked out, the training is FINISHED. Checking out again in the same mode is a no-op.
    function checkout(bytes32 uid, uint8 mode) external onlyWriter {
        require(mode <= uint8(CheckoutMode.INACTIVE), "TrainingContract: checkout mode must be 0..2");
        Node storage node = nodes[epoch][uid];
        require(node.enrolled, "TrainingContract: node is not enrolled");
        if (node.closed) {
            require(node.checkoutMode == mode, "TrainingContract: node has already checked out in another mode");
            return;
        }
        node.closed = true;
        node.checkoutMode = mode;
        Training storage t = trainings[epoch];
        t.closedCount++;
        uint64 current = t.lastMergedRound + 1;
        emit CheckedOut(uid, mode, current);
        if (t.closedCount == t.enrolled.length) {
            t.status = Status.FINISHED;
            emit TrainingFinished(current);
        }
    }

    /// Puts the contract back in its initial state for a new training under the same name: status ACTIVE, round 1,
    /// no nodes. Meant for finished trainings. Cannot be undone.
    function reset() external onlyWriter {
        epoch++;
        emit ContractReset(epoch);
    }

    // -------------------------------------------------------------------------------------------------------- views

    function currentRound() external view returns (uint64) {
        return trainings[epoch].lastMergedRound + 1;
    }

    function status() external view returns (uint8) {
        return uint8(trainings[epoch].status);
    }

    function minPeers() external view returns (uint16) {
        return trainings[epoch].minPeers;
    }

    function contextHash() external view returns (bytes32) {
        return trainings[epoch].contextHash;
    }

    function enrolledCount() external view returns (uint256) {
        return trainings[epoch].enrolled.length;
    }

    function closedCount() external view returns (uint256) {
        return trainings[epoch].closedCount;
    }

    function enrolledAt(uint256 index) external view returns (bytes32) {
        bytes32[] storage enrolled = trainings[epoch].enrolled;
        require(index < enrolled.length, "TrainingContract: index out of range");
        return enrolled[index];
    }

    function nodeState(bytes32 uid) external view
        returns (bool enrolled, bool eligibleLeader, bool closed, uint8 checkoutMode)
    {
        Node storage node = nodes[epoch][uid];
        return (node.enrolled, node.eligibleLeader, node.closed, node.checkoutMode);
    }

    function getRound(uint64 round) external view returns (bytes32 leader, bool frozen, uint64 freezeTime,
        bytes32[] memory participants, bytes32 mergedHash, uint256 checkinCount)
    {
        Round storage r = rounds[epoch][round];
        return (r.leader, r.frozen, r.freezeTime, r.participants, r.mergedHash, r.checkins.length);
    }

    /// When the current leader of an unmerged round may be replaced: leaderTimeoutSeconds after the freeze (or the last
    /// failover) for a frozen round, after the quorum (or the last failover) for an unfrozen one; 0 while the round has
    /// no quorum yet or is merged.
    function leaderDeadline(uint64 round) external view returns (uint64) {
        Round storage r = rounds[epoch][round];
        if (r.mergedHash != bytes32(0)) {
            return 0;
        }
        if (r.frozen) {
            return r.leaderSince + leaderTimeoutSeconds;
        }
        return r.quorumTime == 0 ? 0 : _unfrozenSince(r) + leaderTimeoutSeconds;
    }

    function getCheckin(uint64 round, bytes32 uid) external view
        returns (bytes32 paramHash, uint8 weight, bool exists)
    {
        Checkin storage c = checkins[epoch][round][uid];
        return (c.paramHash, c.weight, c.exists);
    }

    function getPerf(bytes32 uid) external view returns (uint64 round, int256 lossE6, int256 metricE6,
        uint32 epochsDone, uint32 totalEpochs)
    {
        Perf storage p = perfs[epoch][uid];
        return (p.round, p.lossE6, p.metricE6, p.epochsDone, p.totalEpochs);
    }

    /// The uids that checked in for a round, in check-in order.
    function roundCheckins(uint64 round) external view returns (bytes32[] memory) {
        return rounds[epoch][round].checkins;
    }
}
