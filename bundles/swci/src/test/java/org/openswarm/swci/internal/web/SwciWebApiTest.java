package org.openswarm.swci.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.json.Json;
import org.openswarm.swci.internal.exec.SwciSession;

import com.google.gson.reflect.TypeToken;

/** The web API over real HTTP with a session that needs no SN: the wire format, uploads and every refusal. */
class SwciWebApiTest {
    private static final String VALID = "Name: build_env\nTaskType: MAKE_USER_ENV\nAuthor: ops\nPrereq: ROOTTASK\n"
            + "Outcome: env-build\nBody:\n  BuildSteps:\n    - python3 -m venv .\n";
    private static final String INVALID = "Name: broken\nTaskType: MAKE_USER_ENV\nAuthor: ops\n"
            + "Outcome: x\nColour: red\nBody:\n  BuildSteps: []\n";

    @TempDir
    Path dir;

    private RestServer server;
    private SwciSession session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        session = new SwciSession(dir.resolve("state"), dir.resolve("uploads"), "token");
        server = SwciWebApi.start("127.0.0.1", 0, 64 * 1024, session, dir.resolve("uploads"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> exec(String command) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.uri().resolve("/exec?cmd="
                + URLEncoder.encode(command, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static List<String> content(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Map<String, List<String>> body = Json.gson().fromJson(response.body(),
                new TypeToken<Map<String, List<String>>>() { }.getType());
        assertEquals(List.of("CONTENT"), List.copyOf(body.keySet()));
        return body.get("CONTENT");
    }

    private HttpResponse<String> upload(String filename, String text) throws IOException, InterruptedException {
        String boundary = "----test" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(server.uri().resolve("/uploadTaskDef"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"" + code + "\""), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void execAnswersTheCommandsLinesOneElementEach() throws Exception {
        assertEquals(List.of("Current Directory : " + dir.resolve("uploads").toAbsolutePath()),
                content(exec("pwd")));
        assertEquals(List.of("EXIT ON FAILURE IS TURNED ON"), content(exec("exit on failure on")));
        List<String> help = content(exec("HELP CREATE CONTEXT"));
        assertEquals(2, help.size(), help.toString());
        assertTrue(help.get(0).startsWith("CREATE CONTEXT <name> WITH IP"), help.toString());
    }

    @Test
    void aFailedCommandIsOneElementStartingError() throws Exception {
        List<String> syntax = content(exec("assign task t to r with many peers"));
        assertEquals(1, syntax.size(), syntax.toString());
        assertTrue(syntax.get(0).startsWith("ERROR "), syntax.toString());
        assertEquals(List.of(SwciSession.NO_CONTEXT), content(exec("list tasks")));
    }

    @Test
    void anUploadedTaskFileLandsInTheWorkingDirectory() throws Exception {
        assertEquals(List.of("Task definition is valid", SwciWebApi.UPLOADED + "build_env.yaml"),
                content(upload("build_env.yaml", VALID)));
        assertEquals(VALID, Files.readString(dir.resolve("uploads").resolve("build_env.yaml")));
        assertTrue(content(exec("ls")).toString().contains("build_env.yaml"));
        // a path is cut to its file name, as a browser does
        content(upload("C:\\Users\\ops\\other.yaml", VALID));
        assertTrue(Files.isRegularFile(dir.resolve("uploads").resolve("other.yaml")));
    }

    @Test
    void anInvalidTaskFileListsEveryProblemInOneErrorElementAndIsNotKept() throws Exception {
        List<String> answer = content(upload("broken.yaml", INVALID));
        assertEquals(1, answer.size(), answer.toString());
        String error = answer.get(0);
        assertTrue(error.startsWith("ERROR : Task definition broken.yaml is invalid:"), error);
        assertTrue(error.contains("$.Prereq"), error);
        assertTrue(error.contains("$.Colour"), error);
        assertTrue(error.contains("$.Body.BuildSteps"), error);
        assertFalse(Files.exists(dir.resolve("uploads").resolve("broken.yaml")));
    }

    @Test
    void badRequestsGetAJsonErrorWithA4xxStatus() throws Exception {
        URI base = server.uri();
        assertError(send(HttpRequest.newBuilder(base.resolve("/exec"))
                .POST(HttpRequest.BodyPublishers.noBody())), 400, "BAD_REQUEST");
        assertError(exec("   "), 400, "BAD_REQUEST");
        assertError(exec("list tasks\nlist contracts"), 400, "BAD_REQUEST");
        assertError(send(HttpRequest.newBuilder(base.resolve("/exec?cmd=pwd")).GET()), 405, "METHOD_NOT_ALLOWED");
        assertError(send(HttpRequest.newBuilder(base.resolve("/nothing")).POST(HttpRequest.BodyPublishers.noBody())),
                404, "NOT_FOUND");
        assertError(send(HttpRequest.newBuilder(base.resolve("/uploadTaskDef")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(VALID))), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(send(HttpRequest.newBuilder(base.resolve("/uploadTaskDef"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"other\""
                        + "\r\n\r\nvalue\r\n--xyz--\r\n"))), 400, "BAD_REQUEST");
        assertError(send(HttpRequest.newBuilder(base.resolve("/uploadTaskDef"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("garbage"))), 400, "BAD_REQUEST");
        assertError(upload("../../etc/pass word", VALID), 400, "BAD_REQUEST");
        assertError(upload("", VALID), 400, "BAD_REQUEST");
        assertError(upload("big.yaml", VALID + "#" + "x".repeat(70 * 1024) + "\n"), 413, "PAYLOAD_TOO_LARGE");
    }
}
