package org.openswarm.ledger.internal;

import java.math.BigInteger;
import java.util.Map;

import org.openswarm.api.ledger.EntryKind;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.ledger.internal.contracts.Registry;
import org.openswarm.ledger.internal.contracts.TaskRegistry;
import org.openswarm.ledger.internal.contracts.TaskRunner;
import org.openswarm.ledger.internal.contracts.TrainingContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the contracts once per chain and reuses them afterwards: a saved address is trusted only while the chain
 * still has code there (a chain that lost its state gets a fresh deployment, and the log says so). Besides the
 * Registry, every chain gets a TaskRegistry, the default training contract {@value ContractNames#DEFAULT_CONTRACT}
 * and the default taskrunner {@value ContractNames#DEFAULT_TASKRUNNER}, all three named in the Registry's directory;
 * what is missing is deployed, what is there is kept.
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
        String registryAddress = deployed.get(ContractNames.REGISTRY);
        try {
            if (registryAddress != null && chain.hasCode(registryAddress)) {
                LOG.info("Reusing the contracts deployed on this chain: {}", deployed.all());
            } else {
                if (registryAddress != null)
                    LOG.warn("The chain has no code at the saved Registry address {}: it lost its state; deploying anew",
                            registryAddress);
                registryAddress = Registry.deploy(chain.web3(), chain.transactions(), chain.gas()).send()
                        .getContractAddress();
                deployed.put(ContractNames.REGISTRY, registryAddress);
                LOG.info("Deployed Registry at {}", registryAddress);
            }
            Registry registry = Registry.load(registryAddress, chain.web3(), chain.transactions(), chain.gas());
            String taskRegistry = taskRegistry(registry, registryAddress);
            if (!named(registry, ContractNames.DEFAULT_CONTRACT)) {
                String address = TrainingContract.deploy(chain.web3(), chain.transactions(), chain.gas(),
                        ContractNames.DEFAULT_CONTRACT, registryAddress,
                        BigInteger.valueOf(TrainingContracts.DEFAULT_LEADER_TIMEOUT_SECONDS)).send().getContractAddress();
                name(registry, ContractNames.DEFAULT_CONTRACT, EntryKind.TRAINING_CONTRACT, address);
            }
            if (!named(registry, ContractNames.DEFAULT_TASKRUNNER)) {
                String address = TaskRunner.deploy(chain.web3(), chain.transactions(), chain.gas(),
                        ContractNames.DEFAULT_TASKRUNNER, registryAddress, taskRegistry).send().getContractAddress();
                name(registry, ContractNames.DEFAULT_TASKRUNNER, EntryKind.TASKRUNNER, address);
            }
        } catch (Exception e) {
            throw ChainErrors.translate("Deploying the contracts", e);
        }
        return deployed.all();
    }

    /** The directory's task registry, else the saved one, else a new one; named in the directory and saved. */
    private String taskRegistry(Registry registry, String registryAddress) throws Exception {
        String address = null;
        if (registry.hasEntry(ContractNames.TASK_REGISTRY).send()) {
            address = registry.getEntry(ContractNames.TASK_REGISTRY).send().addr;
            if (!chain.hasCode(address))
                throw new IllegalStateException("The directory names the TaskRegistry at " + address
                        + ", where the chain has no code");
        } else {
            String saved = deployed.get(ContractNames.TASK_REGISTRY);
            if (saved != null && chain.hasCode(saved)) {
                address = saved;
            } else {
                address = TaskRegistry.deploy(chain.web3(), chain.transactions(), chain.gas(), registryAddress).send()
                        .getContractAddress();
                LOG.info("Deployed TaskRegistry at {}", address);
            }
            name(registry, ContractNames.TASK_REGISTRY, EntryKind.TASK_REGISTRY, address);
        }
        if (!address.equalsIgnoreCase(deployed.get(ContractNames.TASK_REGISTRY)))
            deployed.put(ContractNames.TASK_REGISTRY, address);
        return address;
    }

    /** Whether the directory names a contract that still has code. */
    private boolean named(Registry registry, String name) throws Exception {
        if (!registry.hasEntry(name).send())
            return false;
        String address = registry.getEntry(name).send().addr;
        if (chain.hasCode(address))
            return true;
        throw new IllegalStateException("The directory names " + name + " at " + address
                + ", where the chain has no code");
    }

    private void name(Registry registry, String name, EntryKind kind, String address) throws Exception {
        registry.registerEntry(name, BigInteger.valueOf(kind.ordinal()), address).send();
        LOG.info("Named {} {} at {}", kind, name, address);
    }
}
