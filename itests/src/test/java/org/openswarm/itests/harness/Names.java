package org.openswarm.itests.harness;

import java.util.UUID;

/** Names no earlier test (on a shared SN and ledger) has used: {@code prefix-1a2b3c4d}. */
public final class Names {
    private Names() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
