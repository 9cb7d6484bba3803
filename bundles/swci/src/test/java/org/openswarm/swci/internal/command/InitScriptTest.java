package org.openswarm.swci.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openswarm.swci.internal.command.Command.Quorum;

/** The reference's §2.3 init script, MAKE_USER_CONTAINER's build task replaced by a MAKE_USER_ENV one. */
class InitScriptTest {

    static final String SCRIPT = """
            # swci-init: build the environment, then train
            EXIT ON FAILURE
            wait for ip sn1                                   # poll the SN API server (5 s x up to 360 retries)
            create context test-mnist with ip sn1             # context = target SN API (+ env)
            switch context test-mnist
            EXIT ON FAILURE OFF
            cd /platform/swarm/usr

            create task from taskdefs/user_env_py_build_task.yaml   # validate YAML -> register on chain
            finalize task user_env_py_build_task                    # freeze body
            RESET TASKRUNNER defaulttaskbb.taskdb.sml.hpe
            ASSIGN TASK user_env_py_build_task TO defaulttaskbb.taskdb.sml.hpe WITH 2 PEERS
            WAIT FOR TASKRUNNER defaulttaskbb.taskdb.sml.hpe
            RESET TASKRUNNER defaulttaskbb.taskdb.sml.hpe
            create task from taskdefs/swarm_mnist_task.yaml
            finalize task swarm_mnist_task
            RESET TASKRUNNER defaulttaskbb.taskdb.sml.hpe
            ASSIGN TASK swarm_mnist_task TO defaulttaskbb.taskdb.sml.hpe WITH 2 PEERS
            WAIT FOR TASKRUNNER defaulttaskbb.taskdb.sml.hpe
            SLEEP 15                                          # let ML containers save their models
            RESET TASKRUNNER defaulttaskbb.taskdb.sml.hpe     # SWOPs clean up SL/ML containers
            LIST CONTRACTS
            RESET CONTRACT defaultbb.cqdb.sml.hpe             # make the training contract reusable
            EXIT
            """;

    @Test
    void everyLineParses() throws CommandSyntaxException {
        CommandParser parser = new CommandParser();
        List<Command> commands = new ArrayList<>();
        for (String line : SCRIPT.split("\n")) {
            parser.parse(line).ifPresent(commands::add);
        }
        String tr = "defaulttaskbb.taskdb.sml.hpe";
        assertEquals(List.of(
                new Command.Comment("# swci-init: build the environment, then train"),
                new Command.ExitOnFailure(true),
                new Command.WaitForIp("sn1", null, null),
                new Command.CreateContextWithIp("test-mnist", "sn1", null),
                new Command.SwitchContext("test-mnist"),
                new Command.ExitOnFailure(false),
                new Command.Cd("/platform/swarm/usr"),
                new Command.CreateTaskFrom("taskdefs/user_env_py_build_task.yaml"),
                new Command.FinalizeTask("user_env_py_build_task"),
                new Command.ResetTaskRunner(tr),
                new Command.AssignTask("user_env_py_build_task", tr, new Quorum.Peers(2)),
                new Command.WaitForTaskRunner(tr, null),
                new Command.ResetTaskRunner(tr),
                new Command.CreateTaskFrom("taskdefs/swarm_mnist_task.yaml"),
                new Command.FinalizeTask("swarm_mnist_task"),
                new Command.ResetTaskRunner(tr),
                new Command.AssignTask("swarm_mnist_task", tr, new Quorum.Peers(2)),
                new Command.WaitForTaskRunner(tr, null),
                new Command.Sleep(15),
                new Command.ResetTaskRunner(tr),
                new Command.ListContracts(),
                new Command.ResetContract("defaultbb.cqdb.sml.hpe"),
                new Command.Exit()), commands);
    }
}
