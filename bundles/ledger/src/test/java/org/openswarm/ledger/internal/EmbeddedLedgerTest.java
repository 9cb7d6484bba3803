package org.openswarm.ledger.internal;

import java.nio.file.Path;

/** The ledger interface on backend {@code embedded}: a supervised anvil on this box. */
class EmbeddedLedgerTest extends LedgerInterfaceTests {
    @Override
    LedgerFixture start(Path dir) {
        return LedgerFixture.embedded(dir, Long.MAX_VALUE, resent -> { });
    }
}
