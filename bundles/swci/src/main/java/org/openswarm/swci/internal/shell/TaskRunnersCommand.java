package org.openswarm.swci.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.TaskRunnerStatus;
import org.openswarm.api.ledger.TaskState;

/** LIST TASKRUNNERS with each taskrunner's GET TASKRUNNER STATUS as one row. */
@Command(scope = "swarm", name = "taskrunners", description = "Lists the taskrunners: state, task, peers")
@Service
public class TaskRunnersCommand extends SwciCommandSupport {
    @Override
    public Object execute() {
        List<TaskRunnerStatus> runners = session().withSn(sn -> sn.taskRunners().stream()
                .map(DirectoryEntry::name).map(sn::taskRunner).toList());
        ShellTable table = new ShellTable().emptyTableText("No taskrunners");
        table.column("Name");
        table.column("State");
        table.column("Task");
        table.column("Peers wanted");
        table.column("Enrolled");
        table.column("Complete");
        table.column("Failed");
        for (TaskRunnerStatus r : runners) {
            List<TaskRunnerStatus.PeerState> peers = r.peers() == null ? List.of() : r.peers();
            String wanted = r.targetUid() != null && !r.targetUid().isEmpty() ? "target " + r.targetUid()
                    : String.valueOf(r.requiredPeers());
            table.addRow().addContent(r.name(), r.state(), r.currentTask() == null || r.currentTask().isEmpty()
                            ? "-" : r.currentTask(), wanted,
                    r.enrolledSwops() == null ? 0 : r.enrolledSwops().size(),
                    peers.stream().filter(p -> p.status() == TaskState.COMPLETE).mapToInt(r::share).sum(),
                    peers.stream().filter(p -> p.status() == TaskState.ERROR).mapToInt(r::share).sum());
        }
        print(table);
        return null;
    }
}
