package org.openswarm.common.http;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openswarm.api.SwarmException;

/**
 * HTTPS settings of a REST server. The keystore holds the server's key and certificate; with
 * {@code needClientAuth} every client must present a certificate that the truststore's CAs signed (mTLS).
 * Keystores are read in the JDK's default type (PKCS12) unless their name ends in {@code .jks}.
 */
public record TlsOptions(String keystorePath, String keystorePassword, String truststorePath,
        String truststorePassword, boolean needClientAuth) {

    public TlsOptions {
        requireReadable("keystore", keystorePath);
        if (needClientAuth)
            requireReadable("truststore (needed for client-certificate auth)", truststorePath);
        else if (truststorePath != null && !truststorePath.isBlank())
            requireReadable("truststore", truststorePath);
    }

    public boolean hasTruststore() {
        return truststorePath != null && !truststorePath.isBlank();
    }

    private static void requireReadable(String what, String path) {
        if (path == null || path.isBlank())
            throw SwarmException.badRequest("TLS is enabled but no " + what + " path is configured");
        if (!Files.isReadable(Path.of(path)))
            throw SwarmException.badRequest("TLS " + what + " is not a readable file: " + path);
    }

    /** Passwords never reach a log. */
    @Override
    public String toString() {
        return "TlsOptions[keystore=" + keystorePath + ", truststore=" + truststorePath + ", needClientAuth="
                + needClientAuth + "]";
    }
}
