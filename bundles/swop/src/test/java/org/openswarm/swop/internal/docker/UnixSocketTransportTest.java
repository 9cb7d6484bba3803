package org.openswarm.swop.internal.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The default transport, a Unix-domain socket (docker-java's JNA socket), carries the requests: a tiny HTTP/1.1
 * responder on a socket file answers {@code /_ping} and {@code /version}. NOT a Docker engine; it shows that the
 * embedded transport and its native part work, so a real {@code /var/run/docker.sock} would be reached the same way.
 */
class UnixSocketTransportTest {

    @Test
    void pingTravelsOverAUnixDomainSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("engine.sock");
        List<String> requestLines = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread responder = new Thread(() -> serve(server, requestLines), "unix-responder");
            responder.setDaemon(true);
            responder.start();
            try (DockerEngine engine = DockerEngine.open(
                    new DockerEndpoint("unix://" + socket, "test socket, not Docker", false, null))) {
                DockerEngine.EngineVersion v = engine.ping();
                assertEquals("24.0.5", v.version());
            }
        }
        assertEquals(List.of("GET /v1.41/_ping HTTP/1.1", "GET /v1.41/version HTTP/1.1"), requestLines);
    }

    private static void serve(ServerSocketChannel server, List<String> requestLines) {
        try {
            while (true) {
                try (SocketChannel ch = server.accept()) {
                    while (true) {
                        String head = readHead(ch);
                        if (head == null) {
                            break;
                        }
                        String first = head.substring(0, head.indexOf("\r\n"));
                        requestLines.add(first);
                        String body = first.contains("/version")
                                ? "{\"Version\":\"24.0.5\",\"ApiVersion\":\"1.43\",\"Os\":\"linux\",\"Arch\":\"amd64\"}"
                                : "OK";
                        String type = first.contains("/version") ? "application/json" : "text/plain";
                        byte[] b = body.getBytes(StandardCharsets.UTF_8);
                        String resp = "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length
                                + "\r\n\r\n" + body;
                        ch.write(ByteBuffer.wrap(resp.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException closed) {
            // the test closed the server socket
        }
    }

    /** Reads one request head (the client sends GETs without a body); null at end of stream. */
    private static String readHead(SocketChannel ch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                return null;
            }
            out.write(one.get(0));
            String s = out.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
    }
}
