package org.openswarm.api;

/**
 * Every failure an OpenSwarm component reports, on the wire and in logs. REST servers turn each code into one HTTP
 * status (see {@code org.openswarm.common.http.ErrorStatus}); clients read the code back from the JSON body
 * {@code {"error": CODE, "message": ...}} and rebuild the same {@link SwarmException}.
 */
public enum ErrorCode {
    /** The request is malformed or a value is out of range. */
    BAD_REQUEST,
    /** No credential, or a credential that does not check out. */
    UNAUTHORIZED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** No such path, node, contract, task or round. */
    NOT_FOUND,
    /** The path exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED,
    /** The request clashes with the current state (a duplicate, a changed ML context, a frozen round). */
    CONFLICT,
    /** The request body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE,
    /** The body is not in a media type the endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE,
    /** A dependency (ledger, license server, peer) cannot be reached now; retrying later may succeed. */
    UNAVAILABLE,
    /** An operation did not finish in the time allowed. */
    TIMEOUT,
    /** A bug or an unexpected failure inside the component. */
    INTERNAL;

    /**
     * Reads a code from its wire name, falling back to {@link #INTERNAL} for names this version does not know (a newer
     * peer may send codes added later).
     */
    public static ErrorCode fromWire(String name) {
        if (name == null)
            return INTERNAL;
        try {
            return valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return INTERNAL;
        }
    }
}
