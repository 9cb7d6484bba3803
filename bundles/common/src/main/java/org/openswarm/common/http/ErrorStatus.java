package org.openswarm.common.http;

import org.openswarm.api.ErrorCode;

/** The one mapping between the error vocabulary and HTTP status codes, used by every server and client. */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int httpStatus(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case UNAVAILABLE -> 503;
            case TIMEOUT -> 504;
            case INTERNAL -> 500;
        };
    }

    /** The code for a status that Jetty produced on its own (a malformed request, headers too large, ...). */
    public static ErrorCode codeFor(int status) {
        for (ErrorCode code : ErrorCode.values())
            if (httpStatus(code) == status)
                return code;
        if (status >= 400 && status < 500)
            return ErrorCode.BAD_REQUEST;
        return ErrorCode.INTERNAL;
    }
}
