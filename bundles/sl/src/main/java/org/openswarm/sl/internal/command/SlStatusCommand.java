package org.openswarm.sl.internal.command;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.sl.internal.SlInstance;

/** Every SL of this Karaf: registration, ports, and what its session waits for (e.g. a quorum). */
@Command(scope = "swarm", name = "sl-status", description = "Shows each SL here: uid, ports, session state and why "
        + "it waits")
@Service
public class SlStatusCommand implements Action {
    @Reference(optional = true)
    List<SlInstance> instances;

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    @SuppressWarnings("unchecked")
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("No SL runs here");
        table.column("Name");
        table.column("UID");
        table.column("Registered");
        table.column("Files");
        table.column("Contract");
        table.column("Round");
        table.column("State");
        table.column("Detail");
        for (SlInstance sl : instances == null ? List.<SlInstance>of() : instances) {
            Map<String, Object> status = sl.status();
            Map<String, Object> session = (Map<String, Object>) status.get("session");
            table.addRow().addContent(sl.name(), sl.uid(), status.get("registered"), status.get("fileServerPort"),
                    session == null ? "" : session.get("trainingContract"),
                    session == null ? "" : session.get("round"),
                    session == null ? "NO SESSION" : session.get("state"),
                    session == null ? String.valueOf(status.getOrDefault("registration", "")) : session.get("detail"));
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
