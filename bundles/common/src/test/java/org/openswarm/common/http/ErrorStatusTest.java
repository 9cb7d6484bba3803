package org.openswarm.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openswarm.api.ErrorCode;

class ErrorStatusTest {
    @Test
    void everyCodeHasItsOwnStatus() {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            int status = ErrorStatus.httpStatus(code);
            assertEquals(true, seen.add(status), code + " shares status " + status);
            assertEquals(code, ErrorStatus.codeFor(status));
        }
    }

    @Test
    void jettyStatusesFallBackToBroadCodes() {
        assertEquals(ErrorCode.BAD_REQUEST, ErrorStatus.codeFor(431));
        assertEquals(ErrorCode.INTERNAL, ErrorStatus.codeFor(502));
    }

    @Test
    void errorBodyRoundTripsToTheException() {
        var e = ErrorBody.of(ErrorCode.CONFLICT, "taken").toException();
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("taken", e.getMessage());
    }
}
