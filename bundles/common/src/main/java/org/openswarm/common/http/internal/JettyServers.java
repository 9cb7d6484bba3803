package org.openswarm.common.http.internal;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openswarm.common.http.RestServerOptions;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TlsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and starts the Jetty behind a {@link org.openswarm.common.http.RestServer}. */
public final class JettyServers {
    private static final Logger LOG = LoggerFactory.getLogger(JettyServers.class);

    /** Threads beyond the request threads: one acceptor, one selector and some slack for Jetty's own tasks. */
    private static final int HOUSEKEEPING_THREADS = 4;

    private JettyServers() {
    }

    /** A started server. */
    public static final class Running {
        private final Server server;
        private final ServerConnector connector;

        Running(Server server, ServerConnector connector) {
            this.server = server;
            this.connector = connector;
        }

        public int localPort() {
            return connector.getLocalPort();
        }

        public synchronized void stop() {
            if (server.isStopped())
                return;
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}: {}", server, e.toString());
            } finally {
                server.destroy();
            }
        }
    }

    public static Running start(String name, RestServerOptions options, Routes routes) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads() + HOUSEKEEPING_THREADS, 2);
        threads.setName("openswarm-" + name);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        server.setStopAtShutdown(false);
        server.setStopTimeout(0);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = options.tls() == null
                ? new ServerConnector(server, 1, 1, new HttpConnectionFactory(http))
                : tlsConnector(server, http, options.tls());
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeoutMillis());
        // A restarted component must be able to bind its port again at once.
        connector.setReuseAddress(true);
        server.addConnector(connector);

        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new Router(routes.list(), options.maxRequestBytes()));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            server.destroy();
            throw e;
        }
        return new Running(server, connector);
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration http, TlsOptions tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystorePath());
        ssl.setKeyStorePassword(tls.keystorePassword());
        ssl.setKeyStoreType(storeType(tls.keystorePath()));
        if (tls.hasTruststore()) {
            ssl.setTrustStorePath(tls.truststorePath());
            ssl.setTrustStorePassword(tls.truststorePassword());
            ssl.setTrustStoreType(storeType(tls.truststorePath()));
        }
        ssl.setNeedClientAuth(tls.needClientAuth());
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Nodes address each other by IP as often as by name; identity is checked on the certificate chain.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        return new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
    }

    private static String storeType(String path) {
        return path.toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12";
    }
}
