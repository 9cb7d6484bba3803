package org.openswarm.sn.internal.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.api.ledger.LedgerInfo;
import org.openswarm.api.sn.SwarmNetworkNode;

/** The ledger as this SN sees it: backend, chain, contracts and health. */
@Command(scope = "swarm", name = "ledger", description = "Shows the ledger: backend, chain id, block height, contracts, health")
@Service
public class LedgerCommand extends SnCommandSupport {
    @Override
    protected Object doExecute(SwarmNetworkNode node) {
        System.out.println("License   : " + node.licenseStatus());
        var info = node.ledger();
        if (info.isEmpty()) {
            System.out.println("Ledger    : not ready (see the log: bin/openswarm log)");
            return null;
        }
        LedgerInfo ledger = info.get();
        System.out.println("SN        : " + node.uid());
        System.out.println("Backend   : " + ledger.backend());
        System.out.println("Chain id  : " + ledger.chainId());
        System.out.println("Block     : " + ledger.blockHeight());
        System.out.println("Account   : " + ledger.account());
        for (Map.Entry<String, String> contract : new java.util.TreeMap<>(ledger.contracts()).entrySet())
            System.out.println("Contract  : " + contract.getKey() + " " + contract.getValue());
        System.out.println("Health    : " + (ledger.healthy() ? "OK" : "NOT HEALTHY: " + ledger.detail()));
        return null;
    }
}
