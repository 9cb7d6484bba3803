package org.openswarm.swci.internal.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.PerfData;

/** PERFDATA as a table: each enrolled node's latest round, loss, metric and epochs. */
@Command(scope = "swarm", name = "perfdata", description = "Shows a training contract's PERFDATA: each node's "
        + "round, loss, metric and epochs")
@Service
public class PerfDataCommand extends SwciCommandSupport {
    @Argument(index = 0, name = "contract", required = true, description = "The training contract")
    @Completion(ContractNames.class)
    String contract;

    @Override
    public Object execute() {
        ContractStatus status = session().withSn(sn -> sn.contractStatus(contract));
        ShellTable table = new ShellTable().emptyTableText("No node enrolled in " + contract);
        table.column("UID");
        table.column("Round");
        table.column("Loss");
        table.column("Metric");
        table.column("Epochs");
        table.column("Closed");
        for (ContractStatus.NodeState n : status.nodes() == null ? java.util.List.<ContractStatus.NodeState>of()
                : status.nodes()) {
            PerfData p = n.perf();
            if (p == null)
                table.addRow().addContent(n.uid(), "-", "-", "-", "-", n.closed());
            else
                table.addRow().addContent(n.uid(), p.round(), String.format(Locale.ROOT, "%.6f", p.loss()),
                        String.format(Locale.ROOT, "%.6f", p.metric()), p.epochsDone() + "/" + p.totalEpochs(),
                        n.closed());
        }
        print(table);
        return null;
    }
}
