package org.openswarm.swci.internal.command;

import org.openswarm.api.ledger.TaskType;

/**
 * One parsed SWCI command (reference §3). The parser does the syntax only; names are kept as typed and checked
 * against the ledger by the executor. Nullable components are the optional arguments the user left out.
 */
public sealed interface Command {

    // ---- §3.2 contexts ----

    /** {@code CREATE CONTEXT name WITH IP host [port]}: {@code port} null means 30304. */
    record CreateContextWithIp(String name, String host, Integer port) implements Command { }

    /** {@code CREATE CONTEXT name WITH SERVICE fqdn[:port]}: the service as typed (port 443 when none). */
    record CreateContextWithService(String name, String service) implements Command { }

    /** {@code SWITCH CONTEXT name}. */
    record SwitchContext(String name) implements Command { }

    /** {@code GET CONTEXT INFO [name]}: null for the current context. */
    record GetContextInfo(String name) implements Command { }

    /** {@code GET CONTEXT ENV [name] env}: {@code context} null for the current one. */
    record GetContextEnv(String context, String env) implements Command { }

    /** {@code SET CONTEXT ENV name env value}: the value is the rest of the line. */
    record SetContextEnv(String context, String env, String value) implements Command { }

    /** {@code LIST CONTEXT ENV [name]}. */
    record ListContextEnv(String context) implements Command { }

    /** {@code GET CONTEXT VERSION}. */
    record GetContextVersion() implements Command { }

    /** {@code LIST CONTEXTS}. */
    record ListContexts() implements Command { }

    // ---- §3.3 training contracts ----

    /** {@code CREATE CONTRACT name}. */
    record CreateContract(String name) implements Command { }

    /** {@code GET CONTRACT INFO name}. */
    record GetContractInfo(String name) implements Command { }

    /** {@code GET CONTRACT STATUS name}. */
    record GetContractStatus(String name) implements Command { }

    /** {@code LIST CONTRACTS}. */
    record ListContracts() implements Command { }

    /** {@code PERFDATA name}. */
    record PerfData(String contract) implements Command { }

    /** {@code RESET CONTRACT name}. */
    record ResetContract(String name) implements Command { }

    // ---- §3.4 tasks ----

    /** {@code CREATE TASK FROM file}: the path relative to the current directory. */
    record CreateTaskFrom(String file) implements Command { }

    /** {@code CREATE TASK type name author prereq outcome}: a header with an empty body. */
    record CreateTask(TaskType type, String name, String author, String prereq, String outcome) implements Command { }

    /** {@code APPEND TASK BODY name idx line}: the line is the rest of the input, exactly as typed. */
    record AppendTaskBody(String name, int index, String line) implements Command { }

    /** {@code FINALIZE TASK name}. */
    record FinalizeTask(String name) implements Command { }

    /** {@code DELETE TASK name}. */
    record DeleteTask(String name) implements Command { }

    /** {@code GET TASK INFO name}. */
    record GetTaskInfo(String name) implements Command { }

    /** {@code GET TASK BODY name}. */
    record GetTaskBody(String name) implements Command { }

    /** {@code LIST TASKS}. */
    record ListTasks() implements Command { }

    // ---- §3.5 taskrunners ----

    /** {@code CREATE TASKRUNNER name}. */
    record CreateTaskRunner(String name) implements Command { }

    /** {@code ASSIGN TASK task TO runner (WITH n PEERS | WITH ALL PEERS | TARGET uid)}. */
    record AssignTask(String task, String runner, Quorum quorum) implements Command { }

    /** Who must succeed for an assigned task. */
    sealed interface Quorum {
        /** {@code WITH n PEERS}, n at least 1. */
        record Peers(int count) implements Quorum { }

        /** {@code WITH ALL PEERS}: every SWOP active on the runner now. */
        record AllPeers() implements Quorum { }

        /** {@code TARGET uid}: one SWOP. */
        record Target(String swopUid) implements Quorum { }
    }

    /** {@code GET TASKRUNNER INFO runner}. */
    record GetTaskRunnerInfo(String runner) implements Command { }

    /** {@code GET TASKRUNNER STATUS runner}. */
    record GetTaskRunnerStatus(String runner) implements Command { }

    /** {@code GET TASKRUNNER PEER STATUS runner peer}: the peer is an index (all digits) or a SWOP UID. */
    record GetTaskRunnerPeerStatus(String runner, String peer) implements Command {
        /** Whether {@link #peer} is an index rather than a UID. */
        public boolean byIndex() {
            return peer.chars().allMatch(Character::isDigit);
        }
    }

    /** {@code LIST TASKRUNNERS}. */
    record ListTaskRunners() implements Command { }

    /** {@code LIST TASKRUNNER PEERS runner}. */
    record ListTaskRunnerPeers(String runner) implements Command { }

    /** {@code RESET TASKRUNNER runner}. */
    record ResetTaskRunner(String runner) implements Command { }

    /** {@code WAIT FOR TASKRUNNER runner [maxWaitMinutes]}: null for the configured maximum (default 120). */
    record WaitForTaskRunner(String runner, Integer maxWaitMinutes) implements Command { }

    // ---- §3.6 miscellaneous ----

    /** {@code LIST NODES}. */
    record ListNodes() implements Command { }

    /** {@code WAIT FOR IP host [port] [retries]}: nulls for 30304 and 360. */
    record WaitForIp(String host, Integer port, Integer retries) implements Command { }

    /** {@code WAIT FOR SERVICE fqdn[:port] [retries]}. */
    record WaitForService(String service, Integer retries) implements Command { }

    /** {@code SLEEP seconds}. */
    record Sleep(int seconds) implements Command { }

    /** {@code CD dir}. */
    record Cd(String dir) implements Command { }

    /** {@code LS [path]}: null for the current directory. */
    record Ls(String path) implements Command { }

    /** {@code PWD}. */
    record Pwd() implements Command { }

    /** {@code EXIT}. */
    record Exit() implements Command { }

    /** {@code EXIT ON FAILURE [ON|OFF]}: bare means ON. */
    record ExitOnFailure(boolean on) implements Command { }

    /** {@code HELP [command words]}: null for the list of every command. */
    record Help(String topic) implements Command { }

    /** A {@code #} line: the executor echoes it. */
    record Comment(String text) implements Command { }
}
