package org.openswarm.common.http;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * The JSON body of every error reply: {@code {"error": CODE, "message": ...}}.
 *
 * @param error   the {@link ErrorCode} name
 * @param message what went wrong, for a person
 */
public record ErrorBody(String error, String message) {
    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(code.name(), message);
    }

    /** The exception a client raises when it reads this body back. */
    public SwarmException toException() {
        return new SwarmException(ErrorCode.fromWire(error), message);
    }
}
