package org.openswarm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void readsKnownCodesFromTheirWireName() {
        for (ErrorCode code : ErrorCode.values())
            assertEquals(code, ErrorCode.fromWire(code.name()));
    }

    @Test
    void unknownOrMissingCodesBecomeInternal() {
        assertEquals(ErrorCode.INTERNAL, ErrorCode.fromWire("SOMETHING_FROM_A_NEWER_PEER"));
        assertEquals(ErrorCode.INTERNAL, ErrorCode.fromWire(null));
    }
}
