package org.openswarm.ledger.internal;

import java.util.Map;

import org.openswarm.ledger.internal.contracts.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the contracts once per chain and reuses them afterwards: a saved address is trusted only while the chain
 * still has code there (a chain that lost its state gets a fresh deployment, and the log says so).
 */
final class ContractBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(ContractBootstrap.class);

    private final ChainClient chain;
    private final DeployedContracts deployed;

    ContractBootstrap(ChainClient chain, DeployedContracts deployed) {
        this.chain = chain;
        this.deployed = deployed;
    }

    Map<String, String> deployOrReuse() {
        String registry = deployed.get(ContractNames.REGISTRY);
        if (registry != null && chain.hasCode(registry)) {
            LOG.info("Reusing the contracts deployed on this chain: {}", deployed.all());
            return deployed.all();
        }
        if (registry != null)
            LOG.warn("The chain has no code at the saved Registry address {}: it lost its state; deploying anew",
                    registry);
        try {
            Registry contract = Registry.deploy(chain.web3(), chain.transactions(), chain.gas()).send();
            deployed.put(ContractNames.REGISTRY, contract.getContractAddress());
            LOG.info("Deployed Registry at {}", contract.getContractAddress());
        } catch (Exception e) {
            throw ChainErrors.translate("Deploying the Registry contract", e);
        }
        return deployed.all();
    }
}
