package org.openswarm.common.http;

import org.openswarm.api.SwarmException;

/**
 * How a REST server binds and what it accepts. Immutable and comparable, so a component restarts its server only
 * when the options really changed.
 *
 * @param host             address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port             port to bind; 0 picks a free one (tests)
 * @param maxRequestBytes  largest request body accepted; larger ones get 413
 * @param idleTimeoutMillis how long an idle connection stays open
 * @param maxThreads       request threads, the limit of concurrently blocked handlers
 * @param tls              HTTPS settings, or null for plain HTTP
 */
public record RestServerOptions(String host, int port, long maxRequestBytes, long idleTimeoutMillis, int maxThreads,
        TlsOptions tls) {

    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_MAX_THREADS = 32;

    public RestServerOptions {
        if (host == null || host.isBlank())
            throw SwarmException.badRequest("host must not be empty");
        if (port < 0 || port > 65535)
            throw SwarmException.badRequest("port must be within 0..65535, was " + port);
        if (maxRequestBytes < 1)
            throw SwarmException.badRequest("maxRequestBytes must be positive, was " + maxRequestBytes);
        if (idleTimeoutMillis < 1)
            throw SwarmException.badRequest("idleTimeoutMillis must be positive, was " + idleTimeoutMillis);
        if (maxThreads < 4)
            throw SwarmException.badRequest("maxThreads must be at least 4, was " + maxThreads);
    }

    /** Plain HTTP with the default limits. */
    public static RestServerOptions plain(String host, int port) {
        return new RestServerOptions(host, port, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_IDLE_TIMEOUT_MILLIS,
                DEFAULT_MAX_THREADS, null);
    }

    public RestServerOptions withMaxRequestBytes(long bytes) {
        return new RestServerOptions(host, port, bytes, idleTimeoutMillis, maxThreads, tls);
    }

    public RestServerOptions withTls(TlsOptions tlsOptions) {
        return new RestServerOptions(host, port, maxRequestBytes, idleTimeoutMillis, maxThreads, tlsOptions);
    }

    public String scheme() {
        return tls == null ? "http" : "https";
    }
}
