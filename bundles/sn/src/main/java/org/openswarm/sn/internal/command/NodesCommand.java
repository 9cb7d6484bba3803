package org.openswarm.sn.internal.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.api.sn.NodeView;
import org.openswarm.api.sn.SwarmNetworkNode;

/** LIST NODES as a table: every node on the ledger with its parent and when it was last alive. */
@Command(scope = "swarm", name = "nodes", description = "Lists the nodes on the ledger: type, endpoint, parent, liveness")
@Service
public class NodesCommand extends SnCommandSupport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Option(name = "--alive", description = "Only the nodes that are alive")
    boolean aliveOnly;

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    protected Object doExecute(SwarmNetworkNode node) {
        ShellTable table = new ShellTable().emptyTableText("No nodes on the ledger");
        table.column("Type");
        table.column("Host");
        table.column("Port");
        table.column("Name");
        table.column("UID");
        table.column("Parent");
        table.column("Last alive");
        table.column("Alive");
        for (NodeView view : node.nodes()) {
            if (aliveOnly && !view.alive())
                continue;
            table.addRow().addContent(view.type(), view.host(), view.port(), view.name(), view.uid(),
                    view.parentUid() == null ? "" : view.parentUid(),
                    TIME.format(Instant.ofEpochSecond(view.lastHeartbeat())), view.alive() ? "yes" : "no");
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
