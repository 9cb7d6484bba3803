package org.openswarm.ledger.internal;

import java.nio.file.Path;

/**
 * The ledger interface on backend {@code rpc}: a chain node someone else runs (here a plain anvil; on a real network
 * the organisation's Besu node, docs/ledger-rpc.md) and the SN's key from a key file.
 */
class RpcLedgerTest extends LedgerInterfaceTests {
    @Override
    LedgerFixture start(Path dir) {
        return LedgerFixture.rpc(dir);
    }
}
