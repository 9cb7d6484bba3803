package org.openswarm.sn.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

import org.openswarm.common.data.SecretFiles;

/**
 * What makes this SN itself across restarts, kept in its data directory: its node uid and, on the sentinel, the
 * network join token that operators copy to joining nodes (design §4).
 */
final class SnIdentity {
    static final String UID_FILE = "node-uid";
    static final String TOKEN_FILE = "join-token";

    private final String uid;
    private final String joinToken;

    private SnIdentity(String uid, String joinToken) {
        this.uid = uid;
        this.joinToken = joinToken;
    }

    /**
     * @param configuredToken the token from the configuration; empty on a sentinel means "make one and keep it"
     */
    static SnIdentity load(Path dir, boolean sentinel, String configuredToken) {
        String uid = SecretFiles.readOrCreate(dir.resolve(UID_FILE), () -> UUID.randomUUID().toString());
        String token;
        if (configuredToken != null && !configuredToken.isBlank())
            token = configuredToken.trim();
        else if (sentinel)
            token = SecretFiles.readOrCreate(dir.resolve(TOKEN_FILE), SnIdentity::newToken);
        else
            token = null;
        return new SnIdentity(uid, token);
    }

    String uid() {
        return uid;
    }

    /** The join token, or null on a joining SN that was configured without one. */
    String joinToken() {
        return joinToken;
    }

    private static String newToken() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
