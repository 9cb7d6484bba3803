package org.openswarm.common.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * Requires the network join token on a route, as {@code Authorization: Bearer <token>} or {@code X-Swarm-Token}, until
 * mutual TLS replaces it (design §4). The comparison takes the same time whatever the guess.
 */
public final class TokenGuard {
    public static final String HEADER = "X-Swarm-Token";

    private final Supplier<String> token;

    /** @param token the expected token, read on every request so a rotated token applies at once */
    public TokenGuard(Supplier<String> token) {
        this.token = token;
    }

    /** The handler, answering 401 unless the request carries the token. */
    public RouteHandler protect(RouteHandler handler) {
        return request -> {
            check(request);
            return handler.handle(request);
        };
    }

    private void check(RestRequest request) {
        String presented = request.header(HEADER)
                .or(() -> request.header("Authorization").filter(h -> h.startsWith("Bearer "))
                        .map(h -> h.substring("Bearer ".length()).trim()))
                .orElse(null);
        if (presented == null)
            throw new SwarmException(ErrorCode.UNAUTHORIZED,
                    "This route needs the network join token (header " + HEADER + " or Authorization: Bearer)");
        String expected = token.get();
        if (expected == null || expected.isEmpty() || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8)))
            throw new SwarmException(ErrorCode.UNAUTHORIZED, "Wrong network join token");
    }
}
