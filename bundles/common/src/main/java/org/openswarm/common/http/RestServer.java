package org.openswarm.common.http;

import java.net.URI;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.http.internal.JettyServers;

/**
 * A running REST server: the one factory every OpenSwarm port (SN API, SL file server, SWCI web API, license server)
 * starts its Jetty through, so limits, TLS, JSON errors and thread naming are the same everywhere.
 */
public final class RestServer implements AutoCloseable {
    private final String name;
    private final RestServerOptions options;
    private final JettyServers.Running jetty;

    private RestServer(String name, RestServerOptions options, JettyServers.Running jetty) {
        this.name = name;
        this.options = options;
        this.jetty = jetty;
    }

    /**
     * Binds and starts a server. Fails with {@link ErrorCode#UNAVAILABLE} when the address cannot be bound (port in
     * use, unknown host) and {@link ErrorCode#BAD_REQUEST} when the TLS material cannot be read.
     *
     * @param name a short name for thread names and logs, e.g. {@code sn-api}
     */
    public static RestServer start(String name, RestServerOptions options, Routes routes) {
        if (name == null || name.isBlank())
            throw new IllegalArgumentException("A server needs a name");
        try {
            return new RestServer(name, options, JettyServers.start(name, options, routes));
        } catch (SwarmException e) {
            throw e;
        } catch (Exception e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Cannot start " + name + " on " + options.host() + ":"
                    + options.port() + ": " + describe(e), e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public String name() {
        return name;
    }

    public RestServerOptions options() {
        return options;
    }

    /** The port actually bound (differs from the options when they asked for port 0). */
    public int port() {
        return jetty.localPort();
    }

    /** A URI clients on this host can use, e.g. {@code http://127.0.0.1:30304/}. */
    public URI uri() {
        String host = "0.0.0.0".equals(options.host()) || "::".equals(options.host()) ? "127.0.0.1" : options.host();
        if (host.contains(":"))
            host = "[" + host + "]";
        return URI.create(options.scheme() + "://" + host + ":" + port() + "/");
    }

    /** Stops the server and frees its port; safe to call twice. */
    @Override
    public void close() {
        jetty.stop();
    }
}
