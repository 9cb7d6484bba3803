package org.openswarm.swci.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.DirectoryEntry;

/** LIST CONTRACTS with each contract's GET CONTRACT INFO as one row. */
@Command(scope = "swarm", name = "contracts", description = "Lists the training contracts: status, round, peers")
@Service
public class ContractsCommand extends SwciCommandSupport {
    @Override
    public Object execute() {
        List<ContractInfo> contracts = session().withSn(sn -> sn.contracts().stream()
                .map(DirectoryEntry::name).map(sn::contract).toList());
        ShellTable table = new ShellTable().emptyTableText("No training contracts");
        table.column("Name");
        table.column("Status");
        table.column("Round");
        table.column("Min peers");
        table.column("Enrolled");
        table.column("Closed");
        for (ContractInfo c : contracts)
            table.addRow().addContent(c.name(), c.status(), c.currentRound(), c.minPeers(), c.enrolledCount(),
                    c.closedCount());
        print(table);
        return null;
    }
}
