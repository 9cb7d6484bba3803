package org.openswarm.swop.internal.docker;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "docker not available" must be said clearly and quickly, naming the endpoint and how it was chosen. No Docker
 * engine runs here; these are the ways reaching one fails.
 */
class DockerAvailabilityTest {

    @Test
    void aMissingSocketIsReportedWithItsPathAtOnce(@TempDir Path dir) {
        Path socket = dir.resolve("docker.sock");
        DockerEndpoint endpoint = new DockerEndpoint("unix://" + socket, "DOCKER_HOST", false, null);
        try (DockerEngine engine = DockerEngine.open(endpoint)) {
            DockerUnavailableException e = assertThrows(DockerUnavailableException.class, engine::ping);
            assertEquals("docker not available: unix://" + socket + " (DOCKER_HOST): no socket at " + socket
                    + " (is the Docker engine installed and running? set DOCKER_HOST to use another)", e.getMessage());
        }
    }

    @Test
    void aClosedTcpPortIsReportedAsConnectionRefusedWithinSeconds() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        try (DockerEngine engine = DockerEngine.open(DockerEndpoint.tcp("127.0.0.1:" + port, "DOCKER_HOST"))) {
            DockerUnavailableException e = assertThrows(DockerUnavailableException.class, engine::ping);
            assertTrue(e.getMessage().startsWith("docker not available: tcp://127.0.0.1:" + port + " (DOCKER_HOST): "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
        }
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "must fail fast");
    }

    @Test
    void anEndpointThatNeverAnswersTimesOutInsteadOfHanging() throws Exception {
        // Accepts the connection (backlog) but never reads or answers.
        try (ServerSocket silent = new ServerSocket(0)) {
            long start = System.nanoTime();
            try (DockerEngine engine = DockerEngine.open(
                    DockerEndpoint.tcp("127.0.0.1:" + silent.getLocalPort(), "DOCKER_HOST"))) {
                DockerUnavailableException e = assertThrows(DockerUnavailableException.class, engine::ping);
                assertTrue(e.getMessage().startsWith("docker not available: tcp://127.0.0.1:"), e.getMessage());
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 15, "took " + seconds + " s");
        }
    }

    @Test
    void anHttpServerThatIsNotDockerIsNamedAsSuch() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                return false;   // Jetty answers 404 for every path
            }
        });
        server.start();
        try (DockerEngine engine = DockerEngine.open(
                DockerEndpoint.tcp("127.0.0.1:" + connector.getLocalPort(), "DOCKER_HOST"))) {
            DockerUnavailableException e = assertThrows(DockerUnavailableException.class, engine::ping);
            assertTrue(e.getMessage().contains("answered HTTP 404, not as a Docker engine"), e.getMessage());
        } finally {
            server.stop();
        }
    }

    @Test
    void theEndpointComesFromTheEnvironmentLikeTheDockerCli() {
        DockerEndpoint none = DockerEndpoint.fromEnvironment(Map.of());
        assertEquals("unix:///var/run/docker.sock", none.host());
        assertEquals("unix:///var/run/docker.sock (DOCKER_HOST unset, default socket)", none.describe());
        assertEquals(Path.of("/var/run/docker.sock"), none.socketPath());

        DockerEndpoint tcp = DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/etc/docker/certs"));
        assertTrue(tcp.tlsVerify());
        assertEquals(Path.of("/etc/docker/certs"), tcp.certPath());
        assertEquals(null, tcp.socketPath());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "ssh://user@host")));
        assertTrue(bad.getMessage().contains("unix:///<socket> or tcp://<host>:<port>"), bad.getMessage());
    }
}
