package org.openswarm.client;

/**
 * Everything the callback raises to the ML program: an invalid parameter, a missing SL address, or an SL call that
 * failed for a reason a retry cannot fix. The message says what is wrong and, where it can, what to do.
 */
public class SwarmError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SwarmError(String message) {
        super(message);
    }

    public SwarmError(String message, Throwable cause) {
        super(message, cause);
    }
}
