package org.openswarm.ledger.internal;

import org.openswarm.api.SwarmException;

/** Node uids as the contracts take them: a UUID, never zero. */
final class Uids {
    private Uids() {
    }

    static byte[] require(String uid) {
        if (uid == null || uid.isBlank())
            throw SwarmException.badRequest("uid is required");
        return Bytes32.fromUuid(uid);
    }
}
