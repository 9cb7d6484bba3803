// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./Paging.sol";

/// @title OpenSwarm node registry and directory
/// @notice Who is in the swarm (SNs, SLs, SWOPs, SWCIs with their endpoints, parents, identities and heartbeats) and
/// the directory of named training contracts and taskrunners. Only metadata lives here, never model parameters.
/// Writers are the accounts of registered SNs: the deployer (the sentinel) is the first; registering an SN node with an
/// account makes that account a writer. Every write is idempotent, so an SN can replay its outbox after a chain restart.
contract Registry {
    enum NodeType { SENTINEL, SN, SL, SWOP, SWCI }
    enum EntryKind { TRAINING_CONTRACT, TASKRUNNER, TASK_REGISTRY }

    struct Node {
        bytes32 uid;
        NodeType nodeType;
        string name;
        string host;
        uint16 port;
        bytes32 parentUid;
        bytes32 fingerprint;
        address account;
        uint64 registeredAt;
        uint64 lastHeartbeat;
        bool active;
    }

    struct Entry {
        string name;
        EntryKind kind;
        address addr;
    }

    uint256 public constant MAX_TEXT = 160;

    address public immutable sentinel;
    mapping(address => bool) public writers;

    bytes32[] private uids;
    mapping(bytes32 => Node) private nodes;

    string[] private entryNames;
    mapping(bytes32 => Entry) private entries;

    event WriterAdded(address indexed account);
    event NodeRegistered(bytes32 indexed uid, NodeType nodeType, string host, uint16 port, bytes32 parentUid);
    event NodeUpdated(bytes32 indexed uid, string host, uint16 port, bytes32 parentUid);
    event NodeDeregistered(bytes32 indexed uid);
    event Heartbeat(bytes32 indexed uid, uint64 timestamp);
    event EntryRegistered(string name, EntryKind kind, address addr);

    modifier onlyWriter() {
        require(writers[msg.sender], "Registry: caller is not a registered SN account");
        _;
    }

    constructor() {
        sentinel = msg.sender;
        writers[msg.sender] = true;
        emit WriterAdded(msg.sender);
    }

    /// Registers a node, or updates its endpoint and parent when it registers again (after a restart on another port).
    /// A repeat with the same data changes nothing. An SN or SENTINEL node's account becomes a writer.
    function registerNode(
        bytes32 uid,
        NodeType nodeType,
        string calldata name,
        string calldata host,
        uint16 port,
        bytes32 parentUid,
        bytes32 fingerprint,
        address account
    ) external onlyWriter {
        require(uid != bytes32(0), "Registry: uid must not be zero");
        require(bytes(name).length <= MAX_TEXT, "Registry: name is too long (max 160 bytes)");
        require(bytes(host).length > 0, "Registry: host must not be empty");
        require(bytes(host).length <= MAX_TEXT, "Registry: host is too long (max 160 bytes)");
        Node storage node = nodes[uid];
        if (node.uid == bytes32(0)) {
            nodes[uid] = Node(uid, nodeType, name, host, port, parentUid, fingerprint, account,
                uint64(block.timestamp), uint64(block.timestamp), true);
            uids.push(uid);
            emit NodeRegistered(uid, nodeType, host, port, parentUid);
        } else {
            require(node.nodeType == nodeType, "Registry: uid already registered with another node type");
            require(node.fingerprint == fingerprint, "Registry: uid already registered with another identity");
            bool changed = !node.active || node.port != port || node.parentUid != parentUid
                || keccak256(bytes(node.host)) != keccak256(bytes(host))
                || keccak256(bytes(node.name)) != keccak256(bytes(name)) || node.account != account;
            if (changed) {
                node.name = name;
                node.host = host;
                node.port = port;
                node.parentUid = parentUid;
                node.account = account;
                node.active = true;
                node.lastHeartbeat = uint64(block.timestamp);
                emit NodeUpdated(uid, host, port, parentUid);
            }
        }
        if ((nodeType == NodeType.SN || nodeType == NodeType.SENTINEL) && account != address(0) && !writers[account]) {
            writers[account] = true;
            emit WriterAdded(account);
        }
    }

    /// Admits the account of an SN that joins the network (the sentinel calls it after checking the join token), so the
    /// SN can register itself and its nodes. Admitting an account twice changes nothing.
    function authorize(address account) external onlyWriter {
        require(account != address(0), "Registry: account must not be zero");
        if (!writers[account]) {
            writers[account] = true;
            emit WriterAdded(account);
        }
    }

    /// Marks nodes alive now; one transaction for an SN and all the nodes under it.
    function heartbeat(bytes32[] calldata nodeUids) external onlyWriter {
        for (uint256 i = 0; i < nodeUids.length; i++) {
            Node storage node = nodes[nodeUids[i]];
            require(node.uid != bytes32(0), "Registry: heartbeat for an unknown node");
            require(node.active, "Registry: heartbeat for a deregistered node");
            node.lastHeartbeat = uint64(block.timestamp);
            emit Heartbeat(node.uid, node.lastHeartbeat);
        }
    }

    function deregister(bytes32 uid) external onlyWriter {
        Node storage node = nodes[uid];
        require(node.uid != bytes32(0), "Registry: unknown node");
        if (node.active) {
            node.active = false;
            emit NodeDeregistered(uid);
        }
    }

    function isRegistered(bytes32 uid) external view returns (bool) {
        return nodes[uid].uid != bytes32(0);
    }

    function getNode(bytes32 uid) external view returns (Node memory) {
        require(nodes[uid].uid != bytes32(0), "Registry: unknown node");
        return nodes[uid];
    }

    function nodeCount() external view returns (uint256) {
        return uids.length;
    }

    /// Nodes in registration order, a page at a time.
    function listNodes(uint256 offset, uint256 limit) external view returns (Node[] memory page) {
        uint256 size = pageSize(offset, limit, uids.length);
        page = new Node[](size);
        for (uint256 i = 0; i < size; i++) {
            page[i] = nodes[uids[offset + i]];
        }
    }

    /// Names a deployed training contract, taskrunner or task registry. Registering the same name and address again is
    /// a no-op; a name bound to another address is refused.
    function registerEntry(string calldata name, EntryKind kind, address addr) external onlyWriter {
        require(bytes(name).length > 0, "Registry: entry name must not be empty");
        require(bytes(name).length <= MAX_TEXT, "Registry: entry name is too long (max 160 bytes)");
        require(addr != address(0), "Registry: entry address must not be zero");
        bytes32 key = keccak256(bytes(name));
        Entry storage entry = entries[key];
        if (entry.addr == address(0)) {
            entries[key] = Entry(name, kind, addr);
            entryNames.push(name);
            emit EntryRegistered(name, kind, addr);
        } else {
            require(entry.addr == addr && entry.kind == kind, "Registry: entry name already taken");
        }
    }

    function hasEntry(string calldata name) external view returns (bool) {
        return entries[keccak256(bytes(name))].addr != address(0);
    }

    function getEntry(string calldata name) external view returns (Entry memory) {
        Entry memory entry = entries[keccak256(bytes(name))];
        require(entry.addr != address(0), "Registry: no entry with that name");
        return entry;
    }

    function entryCount() external view returns (uint256) {
        return entryNames.length;
    }

    function listEntries(uint256 offset, uint256 limit) external view returns (Entry[] memory page) {
        uint256 size = pageSize(offset, limit, entryNames.length);
        page = new Entry[](size);
        for (uint256 i = 0; i < size; i++) {
            page[i] = entries[keccak256(bytes(entryNames[offset + i]))];
        }
    }
}
