// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IRegistry.sol";
import "./TaskRegistry.sol";

/// @title OpenSwarm taskrunner (one per named taskrunner)
/// @notice Coordinates the SWOPs that listen on it: SWOPs enroll; the SWCI assigns a finalized task with a peer quorum
/// (n peers, all enrolled SWOPs, or one target SWOP); SWOPs claim the slots and report their status. The task is
/// COMPLETE when every required peer reports COMPLETE, and ERROR as soon as one reports ERROR; there is no rollback,
/// a failed task is re-run by a new assignment. With n peers, a SWOP's claim counts the pairs it runs (reference
/// §3.5: for RUN_SWARM, n counts SL/ML pairs, one SWOP may run several and more may start than n; for other tasks a
/// SWOP claims 1). With all peers or a target, each SWOP counts 1. Writers are the accounts of registered SNs (read from the Registry).
/// Enrolling and claiming again, or repeating a peer status, change nothing, so an SN can replay its outbox after a
/// chain restart.
contract TaskRunner {
    enum State { IDLE, RUNNING, COMPLETE, ERROR }
    enum PeerStatus { IDLE, RUNNING, COMPLETE, ERROR }

    struct Peer {
        bool claimed;
        PeerStatus status;
        uint16 pairs;
        string description;
    }

    uint256 public constant MAX_TEXT = 160;

    string public name;
    address public immutable registry;
    address public immutable taskRegistry;

    State private state_;
    string public currentTask;
    uint256 public assignmentId;
    uint16 public requiredPeers;
    bytes32 public targetUid;
    /// True when the current assignment gave n peers: claims then count their pairs.
    bool public countsPairs;

    bytes32[] private swops;
    mapping(bytes32 => bool) private enrolled;

    /// Keys the peers of the current assignment; bumped by every assignment and by reset, which clears them.
    uint256 private generation;
    mapping(uint256 => bytes32[]) private claimed;
    mapping(uint256 => mapping(bytes32 => Peer)) private peers;
    /// Per generation: the peers claimed and those complete, each weighted as the assignment counts it.
    mapping(uint256 => uint256) private claimedCounts;
    mapping(uint256 => uint256) private completeCounts;

    event SwopEnrolled(bytes32 indexed swopUid);
    event TaskAssigned(uint256 indexed assignmentId, string taskName, uint16 requiredPeers, bytes32 targetUid);
    event PeerClaimed(uint256 indexed assignmentId, bytes32 indexed swopUid, uint16 pairs);
    event PeerStatusUpdated(uint256 indexed assignmentId, bytes32 indexed swopUid, PeerStatus status,
        string description);
    event TaskFinished(uint256 indexed assignmentId, State state);
    event RunnerReset(uint256 assignmentId);

    modifier onlyWriter() {
        require(IRegistry(registry).writers(msg.sender), "TaskRunner: caller is not a registered SN account");
        _;
    }

    constructor(string memory name_, address registry_, address taskRegistry_) {
        require(bytes(name_).length > 0, "TaskRunner: name must not be empty");
        require(bytes(name_).length <= MAX_TEXT, "TaskRunner: name is too long (max 160 bytes)");
        require(registry_ != address(0), "TaskRunner: registry address must not be zero");
        require(taskRegistry_ != address(0), "TaskRunner: task registry address must not be zero");
        name = name_;
        registry = registry_;
        taskRegistry = taskRegistry_;
    }

    /// A SWOP starts listening on this taskrunner. Enrolling again is a no-op.
    function enrollSwop(bytes32 swopUid) external onlyWriter {
        require(swopUid != bytes32(0), "TaskRunner: uid must not be zero");
        if (!enrolled[swopUid]) {
            enrolled[swopUid] = true;
            swops.push(swopUid);
            emit SwopEnrolled(swopUid);
        }
    }

    /// Starts a finalized task with exactly one of: `allPeers` (every SWOP enrolled now), `targetUid` (that one
    /// enrolled SWOP) or `peers` (that many SWOPs, whichever claim first). Refused while a task is running.
    function assignTask(string calldata taskName, uint16 peers_, bool allPeers, bytes32 targetUid_)
        external onlyWriter
    {
        TaskRegistry tasks = TaskRegistry(taskRegistry);
        require(tasks.exists(taskName), "TaskRunner: no such task");
        require(tasks.isFinalized(taskName), "TaskRunner: task is not finalized");
        require(state_ != State.RUNNING, "TaskRunner: a task is already running");
        uint256 modes = (allPeers ? 1 : 0) + (targetUid_ != bytes32(0) ? 1 : 0) + (peers_ >= 1 ? 1 : 0);
        require(modes == 1, "TaskRunner: give exactly one of peers, all peers or a target");
        uint16 required = peers_;
        if (allPeers) {
            require(swops.length >= 1, "TaskRunner: no SWOP is enrolled");
            require(swops.length <= type(uint16).max, "TaskRunner: too many SWOPs for one assignment");
            required = uint16(swops.length);
        } else if (targetUid_ != bytes32(0)) {
            require(enrolled[targetUid_], "TaskRunner: target SWOP is not enrolled");
            required = 1;
        }
        state_ = State.RUNNING;
        assignmentId++;
        generation++;
        currentTask = taskName;
        requiredPeers = required;
        targetUid = targetUid_;
        countsPairs = peers_ >= 1;
        emit TaskAssigned(assignmentId, taskName, required, targetUid_);
    }

    /// An enrolled SWOP takes peer slots of the current assignment, `pairs` of them when the assignment counts pairs
    /// (it may overshoot the quorum: a SWOP's pairs are not split), else one; its status becomes RUNNING.
    /// Claiming again is a no-op.
    function claim(bytes32 swopUid, uint16 pairs) external onlyWriter {
        require(enrolled[swopUid], "TaskRunner: SWOP is not enrolled");
        require(pairs >= 1, "TaskRunner: a claim runs at least 1 pair");
        Peer storage peer = peers[generation][swopUid];
        if (peer.claimed) {
            return;
        }
        require(state_ == State.RUNNING, "TaskRunner: no task is running");
        require(targetUid == bytes32(0) || targetUid == swopUid, "TaskRunner: the task is targeted at another SWOP");
        require(claimedCounts[generation] < requiredPeers, "TaskRunner: all peer slots are taken");
        peer.claimed = true;
        peer.status = PeerStatus.RUNNING;
        peer.pairs = pairs;
        claimed[generation].push(swopUid);
        claimedCounts[generation] += weight(peer);
        emit PeerClaimed(assignmentId, swopUid, pairs);
    }

    /// A claimed SWOP reports its status (0 IDLE, 1 RUNNING, 2 COMPLETE, 3 ERROR) and a description. While the task
    /// runs, an ERROR makes it ERROR, and COMPLETE from required peers (weighted as claimed) makes it COMPLETE. The same status and
    /// description again is a no-op.
    function updatePeerStatus(bytes32 swopUid, uint8 status, string calldata description) external onlyWriter {
        require(status <= uint8(PeerStatus.ERROR), "TaskRunner: unknown peer status");
        require(bytes(description).length <= MAX_TEXT, "TaskRunner: description is too long (max 160 bytes)");
        Peer storage peer = peers[generation][swopUid];
        require(peer.claimed, "TaskRunner: SWOP has not claimed the current task");
        PeerStatus next = PeerStatus(status);
        if (peer.status == next && keccak256(bytes(peer.description)) == keccak256(bytes(description))) {
            return;
        }
        if (peer.status == PeerStatus.COMPLETE && next != PeerStatus.COMPLETE) {
            completeCounts[generation] -= weight(peer);
        } else if (peer.status != PeerStatus.COMPLETE && next == PeerStatus.COMPLETE) {
            completeCounts[generation] += weight(peer);
        }
        peer.status = next;
        peer.description = description;
        emit PeerStatusUpdated(assignmentId, swopUid, next, description);
        if (state_ == State.RUNNING) {
            if (next == PeerStatus.ERROR) {
                state_ = State.ERROR;
                emit TaskFinished(assignmentId, State.ERROR);
            } else if (completeCounts[generation] >= requiredPeers) {
                state_ = State.COMPLETE;
                emit TaskFinished(assignmentId, State.COMPLETE);
            }
        }
    }

    /// Puts the taskrunner back to IDLE with no task and no peer statuses; enrolled SWOPs stay enrolled. Meant for
    /// finished tasks (it also aborts a running one). Cannot be undone.
    function reset() external onlyWriter {
        state_ = State.IDLE;
        generation++;
        currentTask = "";
        requiredPeers = 0;
        targetUid = bytes32(0);
        countsPairs = false;
        emit RunnerReset(assignmentId);
    }

    function weight(Peer storage peer) private view returns (uint256) {
        return countsPairs ? peer.pairs : 1;
    }

    // -------------------------------------------------------------------------------------------------------- views

    function state() external view returns (uint8) {
        return uint8(state_);
    }

    /// The SWOPs that claimed the current assignment.
    function claimedCount() external view returns (uint256) {
        return claimed[generation].length;
    }

    /// The peer slots taken: the claimed pairs when the assignment counts pairs, else the claimed SWOPs.
    function claimedSlots() external view returns (uint256) {
        return claimedCounts[generation];
    }

    function isEnrolled(bytes32 swopUid) external view returns (bool) {
        return enrolled[swopUid];
    }

    function enrolledSwops() external view returns (bytes32[] memory) {
        return swops;
    }

    function peerStatus(bytes32 swopUid) external view
        returns (bool isClaimed, uint8 status, string memory description, uint16 pairs)
    {
        Peer storage peer = peers[generation][swopUid];
        return (peer.claimed, uint8(peer.status), peer.description, peer.pairs);
    }

    /// The SWOPs that claimed the current assignment, in claim order.
    function claimedPeers() external view returns (bytes32[] memory) {
        return claimed[generation];
    }
}
