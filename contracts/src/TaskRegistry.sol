// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./Paging.sol";

import "./IRegistry.sol";

/// @title OpenSwarm task registry
/// @notice Tasks as the SWCI defines them: a header (name, type, author, prerequisite, outcome) and a body of text
/// lines (the YAML body, line by line). A task is created, its body appended line by line, then finalized, after which
/// it is immutable and can be assigned to a taskrunner. A task that is not finalized can be deleted, and its name
/// created again. Writers are the accounts of registered SNs (read from the Registry). Every write is idempotent (the
/// same creation, body line or finalization again changes nothing), so an SN can replay its outbox after a chain
/// restart.
contract TaskRegistry {
    enum TaskType { MAKE_USER_CONTAINER, RUN_SWARM, MAKE_SWARM_USER_CONTENT, PULL_IMAGE, MAKE_USER_ENV }

    struct Task {
        string name;
        TaskType taskType;
        string author;
        string prereq;
        string outcome;
        bool finalized;
        string[] body;
    }

    uint256 public constant MAX_TEXT = 160;

    address public immutable registry;

    /// Names of the live tasks; a deletion moves the last name into the freed place.
    string[] private names;
    /// Position + 1 of a live task's name in names, by name hash; 0 when there is no live task of that name.
    mapping(bytes32 => uint256) private positions;
    /// Bumped when a task is deleted, so that a task created again under the same name starts empty.
    mapping(bytes32 => uint256) private generations;
    mapping(bytes32 => Task) private tasks;

    event TaskCreated(string name, TaskType taskType, string author, string prereq, string outcome);
    event TaskBodyAppended(string name, uint256 index);
    event TaskFinalized(string name);
    event TaskDeleted(string name);

    modifier onlyWriter() {
        require(IRegistry(registry).writers(msg.sender), "TaskRegistry: caller is not a registered SN account");
        _;
    }

    constructor(address registry_) {
        require(registry_ != address(0), "TaskRegistry: registry address must not be zero");
        registry = registry_;
    }

    /// Registers a task header with an empty body. Creating a live task again with the same header is a no-op; with
    /// another header it is refused.
    function createTask(string calldata name, uint8 taskType, string calldata author, string calldata prereq,
        string calldata outcome) external onlyWriter
    {
        require(bytes(name).length > 0, "TaskRegistry: name must not be empty");
        require(bytes(name).length <= MAX_TEXT, "TaskRegistry: name is too long (max 160 bytes)");
        require(bytes(author).length <= MAX_TEXT, "TaskRegistry: author is too long (max 160 bytes)");
        require(bytes(prereq).length <= MAX_TEXT, "TaskRegistry: prereq is too long (max 160 bytes)");
        require(bytes(outcome).length <= MAX_TEXT, "TaskRegistry: outcome is too long (max 160 bytes)");
        require(taskType <= uint8(TaskType.MAKE_USER_ENV), "TaskRegistry: unknown task type");
        bytes32 nameHash = keccak256(bytes(name));
        if (positions[nameHash] != 0) {
            Task storage existing = tasks[_key(nameHash)];
            require(uint8(existing.taskType) == taskType && _same(existing.author, author)
                && _same(existing.prereq, prereq) && _same(existing.outcome, outcome),
                "TaskRegistry: task already exists");
            return;
        }
        Task storage task = tasks[_key(nameHash)];
        task.name = name;
        task.taskType = TaskType(taskType);
        task.author = author;
        task.prereq = prereq;
        task.outcome = outcome;
        names.push(name);
        positions[nameHash] = names.length;
        emit TaskCreated(name, TaskType(taskType), author, prereq, outcome);
    }

    /// Appends line `index` of the body: index must be the current line count. Sending a line that is already there
    /// (same index, same text) again is a no-op; any other index is refused.
    function appendBody(string calldata name, uint256 index, string calldata line) external onlyWriter {
        require(bytes(line).length <= MAX_TEXT, "TaskRegistry: line is too long (max 160 bytes)");
        Task storage task = _live(name);
        if (index < task.body.length && _same(task.body[index], line)) {
            return;
        }
        require(!task.finalized, "TaskRegistry: task is finalized");
        require(index == task.body.length, "TaskRegistry: body line out of order");
        task.body.push(line);
        emit TaskBodyAppended(name, index);
    }

    /// Freezes the task: no more body lines, no deletion; it can now be assigned. Finalizing again is a no-op.
    function finalize(string calldata name) external onlyWriter {
        Task storage task = _live(name);
        if (!task.finalized) {
            task.finalized = true;
            emit TaskFinalized(name);
        }
    }

    /// Removes a task that is not finalized (one created with errors); its name can be created again afterwards.
    function deleteTask(string calldata name) external onlyWriter {
        Task storage task = _live(name);
        require(!task.finalized, "TaskRegistry: a finalized task cannot be deleted");
        bytes32 nameHash = keccak256(bytes(name));
        uint256 position = positions[nameHash];
        uint256 last = names.length;
        if (position != last) {
            string memory moved = names[last - 1];
            names[position - 1] = moved;
            positions[keccak256(bytes(moved))] = position;
        }
        names.pop();
        delete positions[nameHash];
        generations[nameHash]++;
        emit TaskDeleted(name);
    }

    // -------------------------------------------------------------------------------------------------------- views

    function exists(string calldata name) external view returns (bool) {
        return positions[keccak256(bytes(name))] != 0;
    }

    function isFinalized(string calldata name) external view returns (bool) {
        bytes32 nameHash = keccak256(bytes(name));
        return positions[nameHash] != 0 && tasks[_key(nameHash)].finalized;
    }

    function getTask(string calldata name) external view returns (string memory taskName, uint8 taskType,
        string memory author, string memory prereq, string memory outcome, bool finalized, uint256 bodyLineCount)
    {
        Task storage task = _live(name);
        return (task.name, uint8(task.taskType), task.author, task.prereq, task.outcome, task.finalized,
            task.body.length);
    }

    function bodyLine(string calldata name, uint256 index) external view returns (string memory) {
        Task storage task = _live(name);
        require(index < task.body.length, "TaskRegistry: body line index out of range");
        return task.body[index];
    }

    function body(string calldata name) external view returns (string[] memory) {
        return _live(name).body;
    }

    /// The number of live (not deleted) tasks.
    function taskCount() external view returns (uint256) {
        return names.length;
    }

    /// Names of the live tasks, a page at a time (creation order until a deletion moves the last name forward).
    function listTasks(uint256 offset, uint256 limit) external view returns (string[] memory page) {
        uint256 size = pageSize(offset, limit, names.length);
        page = new string[](size);
        for (uint256 i = 0; i < size; i++) {
            page[i] = names[offset + i];
        }
    }

    // ----------------------------------------------------------------------------------------------------- internal

    function _key(bytes32 nameHash) private view returns (bytes32) {
        return keccak256(abi.encode(nameHash, generations[nameHash]));
    }

    function _live(string calldata name) private view returns (Task storage) {
        bytes32 nameHash = keccak256(bytes(name));
        require(positions[nameHash] != 0, "TaskRegistry: no such task");
        return tasks[_key(nameHash)];
    }

    function _same(string storage a, string calldata b) private pure returns (bool) {
        return keccak256(bytes(a)) == keccak256(bytes(b));
    }
}
