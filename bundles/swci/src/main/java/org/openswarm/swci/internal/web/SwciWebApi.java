package org.openswarm.swci.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.http.RestServerOptions;
import org.openswarm.common.http.Routes;
import org.openswarm.swci.internal.exec.SwciSession;
import org.openswarm.swci.internal.task.InvalidTaskDefinitionException;
import org.openswarm.swci.internal.task.TaskDefinitions;

/**
 * The SWCI web API (reference §3.8, port 30306), the wire format of the reference's Python {@code Swci} wrapper:
 * <ul>
 * <li>{@code POST /exec?cmd=<command>}, empty body: runs the command in the SWCI's session and answers
 * {@code {"CONTENT": [...]}} ({@link ExecContent}), also when the command failed;</li>
 * <li>{@code POST /uploadTaskDef}, multipart field {@code file}: validates the task YAML and keeps it in the upload
 * directory (the session's first working directory), so that {@code CREATE TASK FROM <file name>} can use it.</li>
 * </ul>
 * A request that is not one of these, or that is malformed, answers the common JSON error with a 4xx status.
 */
public final class SwciWebApi {
    static final String UPLOADED = "Task definition uploaded : ";
    /** A plain file name: the upload must not reach outside its directory. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** A long WAIT FOR TASKRUNNER holds its request open until it ends (120 minutes by default). */
    private static final long IDLE_TIMEOUT_MILLIS = 3L * 60 * 60 * 1000;
    private static final int THREADS = 8;

    private final SwciSession session;
    private final Path uploads;
    private final TaskDefinitions definitions = new TaskDefinitions();

    SwciWebApi(SwciSession session, Path uploads) {
        this.session = session;
        this.uploads = uploads;
    }

    /** Binds and starts the web API; fails with UNAVAILABLE when the address cannot be bound. */
    public static RestServer start(String host, int port, long maxUploadBytes, SwciSession session, Path uploads) {
        RestServerOptions options = new RestServerOptions(host, port, maxUploadBytes, IDLE_TIMEOUT_MILLIS, THREADS,
                null);
        return RestServer.start("swci-web", options, new SwciWebApi(session, uploads).routes());
    }

    Routes routes() {
        return new Routes().post("/exec", this::exec).post("/uploadTaskDef", this::upload);
    }

    private Reply exec(RestRequest request) {
        String command = request.query("cmd").orElseThrow(() -> SwarmException.badRequest(
                "Missing query parameter cmd: POST /exec?cmd=<SWCI command>"));
        if (command.isBlank())
            throw SwarmException.badRequest("Empty command: POST /exec?cmd=<SWCI command>");
        if (command.contains("\n") || command.contains("\r"))
            throw SwarmException.badRequest("One command per request: cmd must not contain a line break");
        SwciSession.Result result = session.execute(command);
        return Reply.json(ExecContent.of(result.lines(), result.success()));
    }

    private Reply upload(RestRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.bodyStream()) {
            body = in.readAllBytes();
        }
        MultipartForm.Part file = MultipartForm.of(request.header("Content-Type").orElse(null), body).part("file")
                .orElseThrow(() -> SwarmException.badRequest("The multipart form has no field 'file'"));
        // Browsers and the wrapper send a base name; a path is cut to its last segment, as a browser would.
        String raw = file.filename() == null ? "" : file.filename().replace('\\', '/');
        String name = raw.substring(raw.lastIndexOf('/') + 1);
        if (!FILE_NAME.matcher(name).matches())
            throw SwarmException.badRequest("The file needs a plain name of letters, digits, '.', '_' and '-' "
                    + "(at most 128 characters), got '" + file.filename() + "'");
        String text = utf8(file.content());
        try {
            definitions.parse(name, text);
        } catch (InvalidTaskDefinitionException e) {
            List<String> lines = new ArrayList<>();
            lines.add("ERROR : Task definition " + name + " is invalid:");
            lines.addAll(e.problems());
            return Reply.json(ExecContent.of(lines, false));
        }
        Files.createDirectories(uploads);
        Path target = uploads.resolve(name);
        Path tmp = Files.createTempFile(uploads, ".upload-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return Reply.json(ExecContent.of(List.of("Task definition is valid", UPLOADED + name), true));
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SwarmException(ErrorCode.BAD_REQUEST, "The task definition is not UTF-8 text");
        }
    }
}
