package org.openswarm.swci.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** ASSIGN TASK, typed: exactly one of --peers n, --all or --target uid says which SWOPs run it. */
@Command(scope = "swarm", name = "task-assign", description = "Assigns a finalized task to a taskrunner "
        + "(ASSIGN TASK <task> TO <tr> WITH n PEERS | WITH ALL PEERS | TARGET uid)")
@Service
public class TaskAssignCommand extends SwciCommandSupport {
    @Argument(index = 0, name = "task", required = true, description = "The task")
    @Completion(TaskNames.class)
    String task;

    @Argument(index = 1, name = "taskrunner", required = true, description = "The taskrunner")
    @Completion(TaskRunnerNames.class)
    String taskRunner;

    @Option(name = "--peers", aliases = "-n", description = "Run it on this many SWOPs")
    Integer peers;

    @Option(name = "--all", description = "Run it on every SWOP")
    boolean all;

    @Option(name = "--target", description = "Run it on the SWOP with this UID")
    String target;

    @Override
    public Object execute() {
        int chosen = (peers != null ? 1 : 0) + (all ? 1 : 0) + (target != null ? 1 : 0);
        if (chosen != 1)
            throw new IllegalArgumentException("Give exactly one of --peers <n>, --all or --target <uid>");
        String how = peers != null ? "WITH " + peers + " PEERS" : all ? "WITH ALL PEERS" : "TARGET " + target;
        return run("ASSIGN TASK " + task + " TO " + taskRunner + " " + how);
    }
}
