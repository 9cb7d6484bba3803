package org.openswarm.api;

import java.util.Objects;

/**
 * A failure with a code from the shared vocabulary and a message a person can act on. Thrown by services and REST
 * handlers alike; the REST layer maps it to a status and a JSON body, never to a stack trace.
 */
public class SwarmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public SwarmException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public SwarmException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public static SwarmException badRequest(String message) {
        return new SwarmException(ErrorCode.BAD_REQUEST, message);
    }

    public static SwarmException notFound(String message) {
        return new SwarmException(ErrorCode.NOT_FOUND, message);
    }
}
