package org.openswarm.swci.internal.shell;

import java.util.List;

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

    /** Karaf parses options only before the arguments; these are the same options written after the names. */
    @Argument(index = 2, name = "how", required = false, multiValued = true,
            description = "--peers <n> | --all | --target <uid>, also accepted after the names")
    List<String> trailing;

    @Override
    public Object execute() {
        parseTrailing();
        int chosen = (peers != null ? 1 : 0) + (all ? 1 : 0) + (target != null ? 1 : 0);
        if (chosen != 1)
            throw new IllegalArgumentException("Give exactly one of --peers <n>, --all or --target <uid>");
        String how = peers != null ? "WITH " + peers + " PEERS" : all ? "WITH ALL PEERS" : "TARGET " + target;
        return run("ASSIGN TASK " + task + " TO " + taskRunner + " " + how);
    }

    private void parseTrailing() {
        if (trailing == null)
            return;
        for (int i = 0; i < trailing.size(); i++) {
            String word = trailing.get(i);
            switch (word) {
                case "--all" -> all = true;
                case "--peers", "-n" -> peers = number(value(++i, word));
                case "--target" -> target = value(++i, word);
                default -> throw new IllegalArgumentException("Unexpected '" + word
                        + "': give exactly one of --peers <n>, --all or --target <uid>");
            }
        }
    }

    private String value(int i, String option) {
        if (i >= trailing.size())
            throw new IllegalArgumentException(option + " needs a value");
        return trailing.get(i);
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--peers needs a whole number, got " + text);
        }
    }
}
