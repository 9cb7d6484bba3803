package org.openswarm.ledger.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/** Turns web3j's failures into the error vocabulary, keeping a contract's revert reason readable. */
final class ChainErrors {
    private static final Pattern REVERT = Pattern.compile("execution reverted:?\\s*([^'\"]*)");

    private ChainErrors() {
    }

    static SwarmException translate(String what, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof ConnectException))
            root = root.getCause();
        String message = String.valueOf(failure.getMessage());
        Matcher revert = REVERT.matcher(message);
        if (revert.find() && !revert.group(1).isBlank())
            return new SwarmException(ErrorCode.CONFLICT, revert.group(1).trim(), failure);
        if (root instanceof IOException || failure instanceof IOException)
            return new SwarmException(ErrorCode.UNAVAILABLE, what + ": the chain node does not answer ("
                    + root.getMessage() + ")", failure);
        return new SwarmException(ErrorCode.INTERNAL, what + " failed: " + message, failure);
    }
}
