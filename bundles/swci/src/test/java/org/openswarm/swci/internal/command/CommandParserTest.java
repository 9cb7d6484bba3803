package org.openswarm.swci.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.swci.internal.command.Command.Quorum;

class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    private Command parse(String line) throws CommandSyntaxException {
        return parser.parse(line).orElseThrow();
    }

    static Stream<Arguments> everyCommand() {
        return Stream.of(
                // 3.2 contexts
                Arguments.of("create context Test-MNIST with ip sn1", new Command.CreateContextWithIp("Test-MNIST", "sn1", null)),
                Arguments.of("CREATE CONTEXT c WITH IP 10.0.0.1 30305", new Command.CreateContextWithIp("c", "10.0.0.1", 30305)),
                Arguments.of("Create Context c With Service sn.example.org:8443", new Command.CreateContextWithService("c", "sn.example.org:8443")),
                Arguments.of("switch context Test-MNIST", new Command.SwitchContext("Test-MNIST")),
                Arguments.of("get context info", new Command.GetContextInfo(null)),
                Arguments.of("GET context INFO c", new Command.GetContextInfo("c")),
                Arguments.of("get context env HOME", new Command.GetContextEnv(null, "HOME")),
                Arguments.of("get context env c HOME", new Command.GetContextEnv("c", "HOME")),
                Arguments.of("set context env c DATA_DIR /data/x y", new Command.SetContextEnv("c", "DATA_DIR", "/data/x y")),
                Arguments.of("list context env c", new Command.ListContextEnv("c")),
                Arguments.of("list Context Env", new Command.ListContextEnv(null)),
                Arguments.of("get context version", new Command.GetContextVersion()),
                Arguments.of("list contexts", new Command.ListContexts()),
                // 3.3 contracts
                Arguments.of("create contract MyContract", new Command.CreateContract("MyContract")),
                Arguments.of("get contract info defaultbb.cqdb.sml.hpe", new Command.GetContractInfo("defaultbb.cqdb.sml.hpe")),
                Arguments.of("Get Contract Status c1", new Command.GetContractStatus("c1")),
                Arguments.of("List Contracts", new Command.ListContracts()),
                Arguments.of("perfdata defaultbb.cqdb.sml.hpe", new Command.PerfData("defaultbb.cqdb.sml.hpe")),
                Arguments.of("reset CONTRACT defaultbb.cqdb.sml.hpe", new Command.ResetContract("defaultbb.cqdb.sml.hpe")),
                // 3.4 tasks
                Arguments.of("create task from taskdefs/user_env_tf_build_task.yaml", new Command.CreateTaskFrom("taskdefs/user_env_tf_build_task.yaml")),
                Arguments.of("create task make_user_env Env1 me ROOTTASK env-out", new Command.CreateTask(TaskType.MAKE_USER_ENV, "Env1", "me", "ROOTTASK", "env-out")),
                Arguments.of("append task body Env1 1 BuildSteps:", new Command.AppendTaskBody("Env1", 1, "BuildSteps:")),
                Arguments.of("APPEND TASK BODY Env1 2 - pip install x  # keep", new Command.AppendTaskBody("Env1", 2, "- pip install x  # keep")),
                Arguments.of("finalize task Env1", new Command.FinalizeTask("Env1")),
                Arguments.of("delete TASK Env1", new Command.DeleteTask("Env1")),
                Arguments.of("get task info Env1", new Command.GetTaskInfo("Env1")),
                Arguments.of("get task body Env1", new Command.GetTaskBody("Env1")),
                Arguments.of("list tasks", new Command.ListTasks()),
                // 3.5 taskrunners
                Arguments.of("create taskrunner TR1", new Command.CreateTaskRunner("TR1")),
                Arguments.of("assign task T to TR with 2 peers", new Command.AssignTask("T", "TR", new Quorum.Peers(2))),
                Arguments.of("ASSIGN TASK T TO TR WITH ALL PEERS", new Command.AssignTask("T", "TR", new Quorum.AllPeers())),
                Arguments.of("assign task T to TR target e57f35f3-aa", new Command.AssignTask("T", "TR", new Quorum.Target("e57f35f3-aa"))),
                Arguments.of("get taskrunner info TR", new Command.GetTaskRunnerInfo("TR")),
                Arguments.of("get taskrunner status TR", new Command.GetTaskRunnerStatus("TR")),
                Arguments.of("get taskrunner peer status TR 0", new Command.GetTaskRunnerPeerStatus("TR", "0")),
                Arguments.of("list taskrunners", new Command.ListTaskRunners()),
                Arguments.of("list taskrunner peers TR", new Command.ListTaskRunnerPeers("TR")),
                Arguments.of("reset taskrunner TR", new Command.ResetTaskRunner("TR")),
                Arguments.of("wait for taskrunner TR", new Command.WaitForTaskRunner("TR", null)),
                Arguments.of("Wait For TaskRunner TR 5", new Command.WaitForTaskRunner("TR", 5)),
                // 3.6 miscellaneous
                Arguments.of("list Nodes", new Command.ListNodes()),
                Arguments.of("wait for ip sn1", new Command.WaitForIp("sn1", null, null)),
                Arguments.of("WAIT FOR IP 10.0.0.1 30304 12", new Command.WaitForIp("10.0.0.1", 30304, 12)),
                Arguments.of("wait for service sn.example.org 3", new Command.WaitForService("sn.example.org", 3)),
                Arguments.of("sleep 15", new Command.Sleep(15)),
                Arguments.of("cd /platform/swarm/usr", new Command.Cd("/platform/swarm/usr")),
                Arguments.of("ls", new Command.Ls(null)),
                Arguments.of("LS taskdefs", new Command.Ls("taskdefs")),
                Arguments.of("pwd", new Command.Pwd()),
                Arguments.of("exit", new Command.Exit()),
                Arguments.of("EXIT ON FAILURE", new Command.ExitOnFailure(true)),
                Arguments.of("exit on failure on", new Command.ExitOnFailure(true)),
                Arguments.of("Exit On Failure Off", new Command.ExitOnFailure(false)),
                Arguments.of("help", new Command.Help(null)),
                Arguments.of("help  create   task", new Command.Help("create task")),
                Arguments.of("# a comment", new Command.Comment("# a comment")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void parses(String line, Command expected) throws CommandSyntaxException {
        assertEquals(expected, parse(line));
    }

    @Test
    void everyHelpLineHasAParsedExample() {
        // each syntax line's leading keywords are covered by at least one example above
        for (String syntax : HelpText.SYNTAX) {
            assertEquals(false, HelpText.matching(syntax.split(" <| \\[")[0]).isEmpty(), syntax);
        }
        assertEquals(HelpText.SYNTAX, HelpText.matching(""));
        assertEquals(List.of("CREATE TASK FROM <taskDefFile>",
                "CREATE TASK <taskType> <taskName> <author> <prereq> <outcome>"), HelpText.matching("create task"));
    }

    @Test
    void peerStatusByIndexOrUid() throws CommandSyntaxException {
        assertTrue(((Command.GetTaskRunnerPeerStatus) parse("get taskrunner peer status TR 3")).byIndex());
        assertEquals(false, ((Command.GetTaskRunnerPeerStatus) parse("get taskrunner peer status TR ab-1")).byIndex());
    }

    @Test
    void blankLinesAreNothingAndTrailingCommentsAreDropped() throws CommandSyntaxException {
        assertEquals(Optional.empty(), parser.parse("   "));
        assertEquals(Optional.empty(), parser.parse(""));
        assertEquals(new Command.WaitForIp("sn1", null, null), parse("wait for ip sn1     # poll the SN"));
        assertEquals(new Command.Cd("dir#1"), parse("cd dir#1"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("frobnicate", "ERROR : unknown command 'FROBNICATE'"),
                Arguments.of("create", "ERROR : expected CONTEXT, CONTRACT, TASK or TASKRUNNER."),
                Arguments.of("create context c", "ERROR : expected WITH."),
                Arguments.of("create context c with dns x", "ERROR : expected IP or SERVICE, got 'dns'."),
                Arguments.of("create context c with ip", "ERROR : missing IP address or FQDN."),
                Arguments.of("create context c with ip h port", "ERROR : expected port as a whole number, got 'port'."),
                Arguments.of("switch context", "ERROR : missing context name."),
                Arguments.of("switch context a b", "ERROR : unexpected 'b'."),
                Arguments.of("create task BUILD_SWARM n a p o", "ERROR : expected FROM or a task type (MAKE_USER_CONTAINER"),
                Arguments.of("create task run_swarm n a p", "ERROR : missing outcome."),
                Arguments.of("append task body t 0 x", "ERROR : line index must be 1 or more"),
                Arguments.of("append task body t 1", "ERROR : missing content line."),
                Arguments.of("append task body t one x", "ERROR : expected line index as a whole number, got 'one'."),
                Arguments.of("assign task t to tr", "ERROR : expected WITH <n> PEERS, WITH ALL PEERS or TARGET <SWOP-UID>."),
                Arguments.of("assign task t to tr with 0 peers", "ERROR : number of peers must be 1 or more."),
                Arguments.of("assign task t to tr with 2", "ERROR : expected PEERS."),
                Arguments.of("assign task t tr with 2 peers", "ERROR : expected TO."),
                Arguments.of("get taskrunner peer status tr", "ERROR : missing SWOP index or SWOP UID."),
                Arguments.of("get contract", "ERROR : expected INFO or STATUS."),
                Arguments.of("list", "ERROR : expected CONTEXTS, CONTEXT ENV, CONTRACTS"),
                Arguments.of("wait for taskrunner tr soon", "ERROR : expected maximum wait in minutes as a whole number, got 'soon'."),
                Arguments.of("wait for", "ERROR : expected TASKRUNNER, IP or SERVICE."),
                Arguments.of("sleep -1", "ERROR : seconds must not be negative"),
                Arguments.of("exit on failure maybe", "ERROR : expected ON or OFF, got 'maybe'."),
                Arguments.of("exit now", "ERROR : expected ON."),
                Arguments.of("help frobnicate", "ERROR : no command 'FROBNICATE'"),
                Arguments.of("set context env c X", "ERROR : missing value."),
                Arguments.of("reset task t", "ERROR : expected CONTRACT or TASKRUNNER, got 'task'."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedCommandsSayWhatWasExpected(String line, String start) {
        CommandSyntaxException e = assertThrows(CommandSyntaxException.class, () -> parser.parse(line));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void errorsQuoteTheUsage() {
        CommandSyntaxException e = assertThrows(CommandSyntaxException.class,
                () -> parser.parse("assign task t to tr with 2"));
        assertTrue(e.getMessage().contains("Usage: ASSIGN TASK <task> TO <tr> WITH <n> PEERS"), e.getMessage());
    }
}
