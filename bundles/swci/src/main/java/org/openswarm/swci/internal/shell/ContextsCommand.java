package org.openswarm.swci.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.swci.internal.exec.Context;

/** LIST CONTEXTS as a table: each context's SN and whether it is current. */
@Command(scope = "swarm", name = "contexts", description = "Lists the SWCI contexts: name, SN API, current, env")
@Service
public class ContextsCommand extends SwciCommandSupport {
    @Override
    public Object execute() {
        String current = session().currentContext().orElse(null);
        ShellTable table = new ShellTable().emptyTableText("No contexts: swarm:swci, then CREATE CONTEXT <name> "
                + "WITH IP <ip>");
        table.column("Name");
        table.column("SN API");
        table.column("Current");
        table.column("Env");
        for (Context c : session().contexts())
            table.addRow().addContent(c.name(), c.apiBase(), c.name().equals(current) ? "*" : "",
                    c.env().isEmpty() ? "" : String.join(",", c.env().keySet()));
        print(table);
        return null;
    }
}
