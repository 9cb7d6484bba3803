package org.openswarm.common.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openswarm.api.ErrorCode;
import org.openswarm.common.json.Json;

/** What a route answers: a status, a content type, extra headers and a body. */
public final class Reply {
    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;
    private final Path file;

    private Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    private Reply(int status, String contentType, byte[] body, Map<String, String> headers, Path file) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
        this.file = file;
    }

    /**
     * A file streamed as the body, never held in memory whole (model blobs of gigabytes). The file must stay in place
     * until the reply is written.
     */
    public static Reply file(int status, String contentType, Path file) {
        return new Reply(status, contentType, new byte[0], new LinkedHashMap<>(), file);
    }

    public static Reply json(Object value) {
        return json(200, value);
    }

    public static Reply json(int status, Object value) {
        return new Reply(status, JSON, Json.gson().toJson(value).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    /** A body that already is JSON text, passed on unchanged (a relay's answer). */
    public static Reply rawJson(String json) {
        return new Reply(200, JSON, json.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    public static Reply text(int status, String text) {
        return new Reply(status, TEXT, text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    public static Reply noContent() {
        return new Reply(204, null, new byte[0], new LinkedHashMap<>());
    }

    public static Reply error(ErrorCode code, String message) {
        return json(ErrorStatus.httpStatus(code), ErrorBody.of(code, message));
    }

    /** This reply with one more header; returns {@code this} for chaining. */
    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** The content type, or null for a reply without a body. */
    public String contentType() {
        return contentType;
    }

    /** The body bytes; empty for a {@link #file} reply. */
    public byte[] body() {
        return body;
    }

    /** The file streamed as the body, or null when the body is {@link #body()}. */
    public Path file() {
        return file;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
