package org.openswarm.sn.internal;

import org.openswarm.common.testing.Configs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.sn.NodeType;
import org.openswarm.api.sn.SnStatus;
import org.openswarm.api.sn.VersionInfo;
import org.openswarm.common.json.Json;

class SwarmApiServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private SwarmApiServer sn;

    @AfterEach
    void deactivate() {
        if (sn != null)
            sn.deactivate();
    }

    /** A port nothing listens on right now. */
    private static final class FreePort {
        static int find() throws java.io.IOException {
            try (ServerSocket probe = new ServerSocket(0)) {
                return probe.getLocalPort();
            }
        }
    }

    private static SnConfig config(Map<String, Object> values) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("host", "127.0.0.1", "apiPort", 0));
        all.putAll(values);
        return Configs.of(SnConfig.class, all);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                BodyHandlers.ofString());
    }

    @Test
    void answersIsUpAndVersion() throws Exception {
        sn = new SwarmApiServer("1.2.3", config(Map.of()));
        int port = sn.boundPort();

        HttpResponse<String> up = get(port, "/is_up");
        assertEquals(200, up.statusCode());
        assertEquals(new SnStatus("UP", NodeType.SENTINEL, "127.0.0.1", port),
                Json.gson().fromJson(up.body(), SnStatus.class));

        HttpResponse<String> version = get(port, "/version");
        assertEquals(new VersionInfo("OpenSwarm", "SN", "1.2.3", 1),
                Json.gson().fromJson(version.body(), VersionInfo.class));
    }

    @Test
    void aNonSentinelSaysSo() throws Exception {
        sn = new SwarmApiServer("1", config(Map.of("sentinel", false)));
        assertEquals(NodeType.SN, sn.status().nodeType());
    }

    @Test
    void unchangedConfigurationKeepsTheServer() throws Exception {
        sn = new SwarmApiServer("1", config(Map.of()));
        int port = sn.boundPort();
        sn.modified(config(Map.of()));
        assertEquals(port, sn.boundPort());
        assertEquals(200, get(port, "/is_up").statusCode());
    }

    @Test
    void newPortRebindsAndFreesTheOldOne() throws Exception {
        int newPort = FreePort.find();
        sn = new SwarmApiServer("1", config(Map.of()));
        int oldPort = sn.boundPort();
        assertNotEquals(newPort, oldPort);

        sn.modified(config(Map.of("apiPort", newPort)));

        assertEquals(newPort, sn.boundPort());
        assertEquals(200, get(newPort, "/is_up").statusCode());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", oldPort).close());
    }

    @Test
    void deactivationFreesThePort() {
        sn = new SwarmApiServer("1", config(Map.of()));
        int port = sn.boundPort();
        sn.deactivate();
        assertEquals(-1, sn.boundPort());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void busyPortLeavesTheApiDownUntilTheNextConfigurationChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            sn = new SwarmApiServer("1", config(Map.of("apiPort", taken.getLocalPort())));
            assertEquals(-1, sn.boundPort());
        }
        int free = FreePort.find();
        sn.modified(config(Map.of("apiPort", free)));
        assertEquals(free, sn.boundPort());
        assertEquals(200, get(free, "/is_up").statusCode());
    }

    @Test
    void sameConfigurationRetriesWhenThePortWasBusy() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = taken.getLocalPort();
            sn = new SwarmApiServer("1", config(Map.of("apiPort", port)));
            assertEquals(-1, sn.boundPort());
        }
        sn.modified(config(Map.of("apiPort", port)));
        assertEquals(port, sn.boundPort());
    }

    @Test
    void tlsWithoutKeystoreIsRefused() {
        SwarmException e = assertThrows(SwarmException.class,
                () -> new SwarmApiServer("1", config(Map.of("tlsEnabled", true))));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }
}
