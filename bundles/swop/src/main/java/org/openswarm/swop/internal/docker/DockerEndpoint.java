package org.openswarm.swop.internal.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Docker engine listens, built the way the Docker CLI builds it (profile {@code accesstype: FROMENV}):
 * {@code DOCKER_HOST} if set, else the Unix socket {@code /var/run/docker.sock}; {@code DOCKER_TLS_VERIFY} and
 * {@code DOCKER_CERT_PATH} for a TLS {@code tcp://} endpoint.
 *
 * @param host        {@code unix:///path} or {@code tcp://host:port}
 * @param origin      how the host was chosen, named in every "docker not available" message
 * @param tlsVerify   whether to speak TLS with client certificates from {@code certPath}
 * @param certPath    directory holding ca.pem, cert.pem, key.pem (only with tlsVerify)
 */
public record DockerEndpoint(String host, String origin, boolean tlsVerify, Path certPath) {

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    public DockerEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(origin, "origin");
        URI uri = URI.create(host);
        String scheme = uri.getScheme();
        if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
            throw new IllegalArgumentException("Docker host must be unix:///<socket> or tcp://<host>:<port>, got '"
                    + host + "' (" + origin + ")");
        }
        if (tlsVerify && certPath == null) {
            throw new IllegalArgumentException("DOCKER_TLS_VERIFY is set but DOCKER_CERT_PATH is not");
        }
    }

    /** The endpoint from an environment map (normally {@code System.getenv()}), like the Docker CLI. */
    public static DockerEndpoint fromEnvironment(Map<String, String> env) {
        String host = blankToNull(env.get("DOCKER_HOST"));
        boolean tls = isTrue(env.get("DOCKER_TLS_VERIFY"));
        String certPath = blankToNull(env.get("DOCKER_CERT_PATH"));
        if (host == null) {
            return new DockerEndpoint(DEFAULT_SOCKET, "DOCKER_HOST unset, default socket", false, null);
        }
        Path certs = certPath != null ? Path.of(certPath)
                : tls ? Path.of(System.getProperty("user.home"), ".docker") : null;
        return new DockerEndpoint(host, "DOCKER_HOST", tls, certs);
    }

    /** A plain TCP endpoint without TLS (tests, or a daemon published on loopback). */
    public static DockerEndpoint tcp(String hostAndPort, String origin) {
        return new DockerEndpoint("tcp://" + hostAndPort, origin, false, null);
    }

    /** The socket path for a unix endpoint, or null for tcp. */
    public Path socketPath() {
        return host.startsWith("unix://") ? Path.of(URI.create(host).getPath()) : null;
    }

    /** "unix:///var/run/docker.sock (DOCKER_HOST unset, default socket)": used in error messages. */
    public String describe() {
        return host + " (" + origin + ")";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static boolean isTrue(String s) {
        // The Docker CLI treats any non-empty DOCKER_TLS_VERIFY as "verify".
        return s != null && !s.isBlank() && !"0".equals(s.trim()) && !"false".equalsIgnoreCase(s.trim());
    }
}
