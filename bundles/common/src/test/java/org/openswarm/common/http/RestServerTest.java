package org.openswarm.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.json.Json;

class RestServerTest {
    private static final long LIMIT = 1024;

    record Item(String name, int count) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private RestServer server;

    @BeforeEach
    void start() {
        Routes routes = new Routes()
                .get("/items/{id}", r -> Reply.json(Map.of("id", r.pathParam("id"), "q", r.query("q").orElse(""))))
                .post("/items", r -> Reply.json(201, r.bodyJson(Item.class)))
                .post("/echo", r -> Reply.text(200, r.bodyText()))
                .get("/conflict", r -> {
                    throw new SwarmException(ErrorCode.CONFLICT, "already there");
                })
                .get("/boom", r -> {
                    throw new IllegalStateException("secret internal detail");
                });
        server = RestServer.start("test", RestServerOptions.plain("127.0.0.1", 0).withMaxRequestBytes(LIMIT), routes);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(server.uri().resolve(path));
    }

    private static ErrorBody error(HttpResponse<String> response) {
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        return Json.gson().fromJson(response.body(), ErrorBody.class);
    }

    @Test
    void routesWithPathAndQueryParameters() throws Exception {
        HttpResponse<String> response = send(at("/items/42?q=abc"));
        assertEquals(200, response.statusCode());
        assertEquals(Map.of("id", "42", "q", "abc"), Json.gson().fromJson(response.body(), Map.class));
    }

    @Test
    void readsJsonBodies() throws Exception {
        HttpResponse<String> response = send(at("/items").POST(BodyPublishers.ofString("{\"name\":\"a\",\"count\":3}")));
        assertEquals(201, response.statusCode());
        assertEquals(new Item("a", 3), Json.gson().fromJson(response.body(), Item.class));
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        HttpResponse<String> response = send(at("/nothing/here"));
        assertEquals(404, response.statusCode());
        assertEquals(new ErrorBody("NOT_FOUND", "No such resource: /nothing/here"), error(response));
    }

    @Test
    void wrongMethodIs405WithAllowHeader() throws Exception {
        HttpResponse<String> response = send(at("/items/1").DELETE());
        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("METHOD_NOT_ALLOWED", error(response).error());
    }

    @Test
    void declaredOversizedBodyIs413() throws Exception {
        byte[] body = new byte[(int) LIMIT + 1];
        HttpResponse<String> response = send(at("/echo").POST(BodyPublishers.ofByteArray(body)));
        assertEquals(413, response.statusCode());
        assertEquals("PAYLOAD_TOO_LARGE", error(response).error());
    }

    @Test
    void chunkedOversizedBodyIs413() throws Exception {
        byte[] body = new byte[(int) LIMIT * 4];
        // ofInputStream has no length, so the client sends it chunked and the limit applies while reading.
        HttpResponse<String> response = send(at("/echo").POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(413, response.statusCode());
        assertEquals("PAYLOAD_TOO_LARGE", error(response).error());
    }

    @Test
    void bodyAtTheLimitIsAccepted() throws Exception {
        String body = "x".repeat((int) LIMIT);
        HttpResponse<String> response = send(at("/echo").POST(BodyPublishers.ofString(body)));
        assertEquals(200, response.statusCode());
        assertEquals(body, response.body());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> response = send(at("/items").POST(BodyPublishers.ofString("{not json")));
        assertEquals(400, response.statusCode());
        assertTrue(error(response).message().startsWith("Malformed JSON body"));
        assertEquals(400, send(at("/items").POST(BodyPublishers.noBody())).statusCode());
    }

    @Test
    void domainErrorsMapToTheirStatus() throws Exception {
        HttpResponse<String> response = send(at("/conflict"));
        assertEquals(409, response.statusCode());
        assertEquals(new ErrorBody("CONFLICT", "already there"), error(response));
    }

    @Test
    void unexpectedFailuresAre500WithoutInternals() throws Exception {
        HttpResponse<String> response = send(at("/boom"));
        assertEquals(500, response.statusCode());
        assertEquals("INTERNAL", error(response).error());
        assertFalse(response.body().contains("secret internal detail"));
        assertFalse(response.body().contains("Exception"));
    }

    @Test
    void malformedHttpGetsAJsonError() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("{\"error\":\"BAD_REQUEST\""), answer);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Test
    void busyPortFailsWithUnavailable() {
        SwarmException e = assertThrows(SwarmException.class,
                () -> RestServer.start("second", RestServerOptions.plain("127.0.0.1", server.port()), new Routes()));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("Cannot start second on 127.0.0.1:" + server.port()), e.getMessage());
    }

    @Test
    void closeFreesThePort() throws Exception {
        int port = server.port();
        server.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        try (ServerSocket rebind = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, rebind.getLocalPort());
        }
        server.close(); // a second close is harmless
    }

    @Test
    void uriNamesLoopbackForWildcardHosts() {
        try (RestServer any = RestServer.start("any", RestServerOptions.plain("0.0.0.0", 0), new Routes())) {
            assertEquals(URI.create("http://127.0.0.1:" + any.port() + "/"), any.uri());
        }
    }
}
