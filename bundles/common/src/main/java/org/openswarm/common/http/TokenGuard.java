package org.openswarm.common.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * Requires a secret token on a route, as {@code Authorization: Bearer <token>} or a named header, until mutual TLS
 * replaces it (design §4). By default the token is the network join token in {@code X-Swarm-Token}; the license
 * server guards its admin routes with its admin token in {@code X-Admin-Token}. The comparison takes the same time
 * whatever the guess.
 */
public final class TokenGuard {
    public static final String HEADER = "X-Swarm-Token";

    private final Supplier<String> token;
    private final String header;
    private final String what;

    /** @param token the expected network join token, read on every request so a rotated token applies at once */
    public TokenGuard(Supplier<String> token) {
        this(token, HEADER, "network join token");
    }

    /**
     * @param token  the expected token, read on every request so a rotated token applies at once
     * @param header the header that carries it besides {@code Authorization: Bearer}
     * @param what   what the token is called in the 401 messages, e.g. {@code admin token}
     */
    public TokenGuard(Supplier<String> token, String header, String what) {
        this.token = token;
        this.header = header;
        this.what = what;
    }

    /** The handler, answering 401 unless the request carries the token. */
    public RouteHandler protect(RouteHandler handler) {
        return request -> {
            check(request);
            return handler.handle(request);
        };
    }

    private void check(RestRequest request) {
        String presented = request.header(header)
                .or(() -> request.header("Authorization").filter(h -> h.startsWith("Bearer "))
                        .map(h -> h.substring("Bearer ".length()).trim()))
                .orElse(null);
        if (presented == null)
            throw new SwarmException(ErrorCode.UNAUTHORIZED,
                    "This route needs the " + what + " (header " + header + " or Authorization: Bearer)");
        String expected = token.get();
        if (expected == null || expected.isEmpty() || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8)))
            throw new SwarmException(ErrorCode.UNAUTHORIZED, "Wrong " + what);
    }
}
