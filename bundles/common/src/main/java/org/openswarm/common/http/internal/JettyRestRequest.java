package org.openswarm.common.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.json.Json;

import com.google.gson.JsonParseException;

/** A {@link RestRequest} over a Jetty core request. */
final class JettyRestRequest implements RestRequest {
    private final Request request;
    private final Map<String, String> pathParams;
    private final long maxRequestBytes;
    private Fields query;

    JettyRestRequest(Request request, Map<String, String> pathParams, long maxRequestBytes) {
        this.request = request;
        this.pathParams = pathParams == null ? Map.of() : pathParams;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return Request.getPathInContext(request);
    }

    @Override
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null)
            throw new IllegalArgumentException("The route template has no parameter '" + name + "'");
        return value;
    }

    @Override
    public Optional<String> query(String name) {
        if (query == null)
            query = Request.extractQueryParameters(request);
        return Optional.ofNullable(query.getValue(name));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    @Override
    public String remoteAddress() {
        return Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
    }

    @Override
    public InputStream bodyStream() {
        return new BoundedInputStream(Request.asInputStream(request), maxRequestBytes);
    }

    @Override
    public String bodyText() {
        try (InputStream in = bodyStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the request body failed", e);
        }
    }

    @Override
    public <T> T bodyJson(Class<T> type) {
        String text = bodyText();
        if (text.isBlank())
            throw new SwarmException(ErrorCode.BAD_REQUEST, "A JSON body is required");
        try {
            T value = Json.gson().fromJson(text, type);
            if (value == null)
                throw new SwarmException(ErrorCode.BAD_REQUEST, "A JSON body is required");
            return value;
        } catch (JsonParseException e) {
            throw new SwarmException(ErrorCode.BAD_REQUEST, "Malformed JSON body: " + e.getMessage());
        }
    }
}
