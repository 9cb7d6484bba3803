package org.openswarm.ledger.internal;

import java.util.Map;

/**
 * What follows a supervised restart of the chain node: make sure the contracts are there, then re-send what the outbox
 * knows the chain lost. A chain that came back without its state gets the contracts again at the same addresses,
 * because the same account deploys them with the same nonces on a fresh chain, in the bootstrap's fixed order.
 */
final class ChainRecovery {
    private final ChainClient chain;
    private final DeployedContracts deployed;

    ChainRecovery(ChainClient chain, DeployedContracts deployed) {
        this.chain = chain;
        this.deployed = deployed;
    }

    /**
     * @return the number of transactions re-sent, or -1 when the contracts came back at other addresses and the
     *         ledger must be rebuilt
     */
    int afterRestart(Web3Ledger ledger) {
        Map<String, String> now = chain.exclusively(() -> new ContractBootstrap(chain, deployed).deployOrReuse());
        if (!now.equals(ledger.addresses()))
            return -1;
        return ledger.replayOutbox();
    }
}
