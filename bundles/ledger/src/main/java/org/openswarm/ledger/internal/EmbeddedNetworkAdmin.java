package org.openswarm.ledger.internal;

import java.math.BigInteger;

import org.openswarm.api.ledger.JoinGrant;
import org.openswarm.api.ledger.NetworkAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sentinel's side of joining: it runs the chain, holds its funded account and admits new SN accounts. */
final class EmbeddedNetworkAdmin implements NetworkAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNetworkAdmin.class);
    /** 100 ETH: thousands of registrations and check-ins at the gas prices the product signs with. */
    static final BigInteger GRANT = BigInteger.TEN.pow(20);

    private final String chainRpcUrl;
    private final ChainClient chain;
    private final Web3Ledger ledger;
    private final java.util.Map<String, String> contracts;

    EmbeddedNetworkAdmin(String chainRpcUrl, ChainClient chain, Web3Ledger ledger, java.util.Map<String, String> contracts) {
        this.chainRpcUrl = chainRpcUrl;
        this.chain = chain;
        this.ledger = ledger;
        this.contracts = java.util.Map.copyOf(contracts);
    }

    @Override
    public String chainRpcUrl() {
        return chainRpcUrl;
    }

    @Override
    public JoinGrant admit(String account) {
        ledger.authorize(account);
        chain.fund(account, GRANT);
        LOG.info("Admitted SN account {} to the network (funded, writer)", account);
        return new JoinGrant(chain.chainId(), contracts);
    }
}
