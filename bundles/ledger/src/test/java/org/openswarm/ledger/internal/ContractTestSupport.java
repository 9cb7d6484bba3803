package org.openswarm.ledger.internal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the contract tests: one real anvil per test class, started before its first test and stopped after. */
abstract class ContractTestSupport {
    static ChainFixture chain;

    @BeforeAll
    static void startChain() {
        chain = new ChainFixture();
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }
}
