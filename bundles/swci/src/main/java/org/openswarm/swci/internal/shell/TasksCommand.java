package org.openswarm.swci.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.api.ledger.TaskInfo;

/** LIST TASKS with each task's GET TASK INFO as one row. */
@Command(scope = "swarm", name = "tasks", description = "Lists the tasks: type, author, prereq, outcome, finalized")
@Service
public class TasksCommand extends SwciCommandSupport {
    @Override
    public Object execute() {
        List<TaskInfo> tasks = session().withSn(sn -> sn.tasks().stream().map(sn::task).toList());
        ShellTable table = new ShellTable().emptyTableText("No tasks");
        table.column("Name");
        table.column("Type");
        table.column("Author");
        table.column("Prereq");
        table.column("Outcome");
        table.column("Finalized");
        table.column("Body lines");
        for (TaskInfo t : tasks)
            table.addRow().addContent(t.header().name(), t.header().taskType(), t.header().author(),
                    t.header().prereq(), t.header().outcome(), t.finalized(), t.bodyLineCount());
        print(table);
        return null;
    }
}
