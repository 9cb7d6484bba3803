package org.openswarm.swci.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** What a session does without a real SN: contexts and their persistence, files, settings, errors. */
class SwciSessionTest {
    @TempDir
    Path dir;

    private HttpServer fakeSn;
    private int port;

    @BeforeEach
    void startFakeSn() throws IOException {
        fakeSn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeSn.createContext("/is_up", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"nodeType\":\"SN\",\"host\":\"127.0.0.1\",\"apiPort\":1}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fakeSn.start();
        port = fakeSn.getAddress().getPort();
    }

    @AfterEach
    void stopFakeSn() {
        fakeSn.stop(0);
    }

    private SwciSession session() {
        return new SwciSession(dir.resolve("state"), dir, "token").snTimeout(Duration.ofSeconds(5));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void contextsAreCreatedSwitchedAndKeptAcrossSessions() {
        SwciSession s = session();
        SwciSession.Result created = s.execute("create context a with ip 127.0.0.1 " + port);
        assertTrue(created.success(), created.lines().toString());
        assertEquals(List.of("API Server is UP!", "CONTEXT CREATED : a"), created.lines());
        assertTrue(s.execute("CREATE CONTEXT b WITH IP 127.0.0.1 " + port).success());
        assertEquals(List.of("DEFAULT CONTEXT SET TO : b"), s.execute("SWITCH CONTEXT b").lines());
        assertTrue(s.execute("SET CONTEXT ENV b SWCI_GENERIC_TASK_MAX_WAIT_TIME 7").success());
        assertTrue(Files.isRegularFile(dir.resolve("state").resolve(ContextStore.FILE)));

        SwciSession restarted = session();
        assertEquals(Optional.of("b"), restarted.currentContext());
        assertEquals(List.of("a", "b (current)"), restarted.execute("LIST CONTEXTS").lines());
        assertEquals(List.of("SWCI_GENERIC_TASK_MAX_WAIT_TIME : 7"),
                restarted.execute("GET CONTEXT ENV SWCI_GENERIC_TASK_MAX_WAIT_TIME").lines());
        assertEquals(List.of("SWCI_GENERIC_TASK_MAX_WAIT_TIME : 7"), restarted.execute("LIST CONTEXT ENV").lines());
        List<String> info = restarted.execute("GET CONTEXT INFO a").lines();
        assertEquals("CONTEXT NAME : a", info.get(0));
        assertTrue(info.contains("API SERVER   : http://127.0.0.1:" + port + "/"), info.toString());
    }

    @Test
    void aContextNeedsAnSnThatIsUp() throws IOException {
        SwciSession s = session();
        SwciSession.Result r = s.execute("CREATE CONTEXT x WITH IP 127.0.0.1 " + closedPort());
        assertFalse(r.success());
        assertTrue(r.lines().get(0).startsWith("ERROR : Unable to contact API-Server"), r.lines().toString());
        assertEquals(List.of(), s.execute("LIST CONTEXTS").lines());
        SwciSession.Result unknown = s.execute("SWITCH CONTEXT x");
        assertFalse(unknown.success());
        assertTrue(unknown.lines().get(0).startsWith("ERROR : unknown context: x"));
    }

    @Test
    void ledgerCommandsWithoutAContextSayWhatToDo() {
        SwciSession s = session();
        for (String command : List.of("LIST CONTRACTS", "LIST TASKS", "LIST NODES", "GET CONTEXT VERSION",
                "WAIT FOR TASKRUNNER tr 1", "GET CONTEXT INFO")) {
            SwciSession.Result r = s.execute(command);
            assertFalse(r.success(), command);
            assertEquals(List.of(SwciSession.NO_CONTEXT), r.lines(), command);
        }
    }

    @Test
    void cdLsPwdMoveAroundTheFileSystem() throws IOException {
        Files.createDirectories(dir.resolve("taskdefs"));
        Files.writeString(dir.resolve("taskdefs/t.yaml"), "x");
        SwciSession s = session();
        assertEquals(List.of("Current Directory : " + dir.toAbsolutePath().normalize()), s.execute("PWD").lines());
        assertEquals(List.of("state/", "taskdefs/").stream().filter(n -> Files.exists(dir.resolve(n))).toList(),
                s.execute("LS").lines());
        assertEquals(List.of("Current Directory : " + dir.resolve("taskdefs").toAbsolutePath().normalize()),
                s.execute("cd taskdefs").lines());
        assertEquals(List.of("t.yaml"), s.execute("ls").lines());
        assertEquals(List.of("t.yaml"), s.execute("LS t.yaml").lines());
        assertTrue(s.execute("CD ..").success());
        assertEquals(dir.toAbsolutePath().normalize(), s.workingDirectory());
        SwciSession.Result missing = s.execute("CD nowhere");
        assertFalse(missing.success());
        assertEquals(List.of("ERROR : no such directory: nowhere"), missing.lines());
        assertEquals(dir.toAbsolutePath().normalize(), s.workingDirectory());
    }

    @Test
    void helpCommentsExitAndSyntaxErrors() {
        SwciSession s = session();
        assertEquals(List.of("# hello"), s.execute("# hello").lines());
        assertEquals(List.of("SWITCH CONTEXT <name>"), s.execute("help switch").lines());
        assertFalse(s.execute("HELP FLY").success());
        assertTrue(s.execute("EXIT").exit());
        SwciSession.Result bad = s.execute("ASSIGN TASK t TO tr WITH two PEERS");
        assertFalse(bad.success());
        assertTrue(bad.lines().get(0).startsWith("ERROR : "), bad.lines().toString());
        assertEquals(List.of("EXIT ON FAILURE IS TURNED ON"), s.execute("EXIT ON FAILURE").lines());
        assertTrue(s.exitOnFailure());
        assertEquals(List.of("EXIT ON FAILURE IS TURNED OFF"), s.execute("exit on failure off").lines());
        assertTrue(s.execute("").success());
    }

    @Test
    void waitForIpRetriesThenFailsOrSucceeds() throws IOException {
        SwciSession s = session().retryInterval(Duration.ofMillis(10));
        SwciSession.Result down = s.execute("WAIT FOR IP 127.0.0.1 " + closedPort() + " 3");
        assertFalse(down.success());
        assertTrue(down.lines().get(0).contains("not reachable after 3 tries"), down.lines().toString());
        assertEquals(List.of("API Server is UP!"), s.execute("WAIT FOR IP 127.0.0.1 " + port + " 3").lines());
        assertEquals(List.of("API Server is UP!"), s.execute("WAIT FOR SERVICE 127.0.0.1:" + port + " 1").lines());
    }

    @Test
    void theInvalidTaskFileIsReportedBeforeAnySnCall() throws IOException {
        SwciSession s = session();
        assertTrue(s.execute("CREATE CONTEXT a WITH IP 127.0.0.1 " + port).success());
        assertTrue(s.execute("SWITCH CONTEXT a").success());
        Files.writeString(dir.resolve("bad.yaml"), "Name: bad\nTaskType: FLY\n");
        SwciSession.Result r = s.execute("CREATE TASK FROM bad.yaml");
        assertFalse(r.success());
        assertEquals("ERROR : Task definition bad.yaml is invalid:", r.lines().get(0));
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("$.TaskType")), r.lines().toString());
        SwciSession.Result missing = s.execute("CREATE TASK FROM none.yaml");
        assertFalse(missing.success());
        assertTrue(missing.lines().get(0).startsWith("ERROR : cannot read task definition"), missing.lines().toString());
    }

    @Test
    void withoutAContextTheDefaultSnAnswersWithTheTokenOfTheMoment() {
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        fakeSn.createContext("/version", exchange -> {
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Swarm-Token")));
            byte[] body = "{\"product\":\"OpenSwarm\",\"component\":\"SN\",\"version\":\"9\",\"apiVersion\":1}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>(
                "first");
        SwciSession s = SwciSession.withTokenSource(null, dir, token::get).snTimeout(Duration.ofSeconds(5));
        assertEquals(List.of(SwciSession.NO_CONTEXT), s.execute("GET CONTEXT VERSION").lines());

        s.defaultSn(java.net.URI.create("http://127.0.0.1:" + port + "/"));
        SwciSession.Result version = s.execute("GET CONTEXT VERSION");
        assertTrue(version.success(), version.lines().toString());
        assertTrue(version.lines().contains("VERSION     : 9"), version.lines().toString());
        token.set("rotated");
        assertTrue(s.execute("GET CONTEXT VERSION").success());
        assertEquals(List.of("first", "rotated"), tokens);
        assertEquals("SN", s.withSn(sn -> sn.version().component()));
        assertTrue(s.contexts().isEmpty());
    }
}
