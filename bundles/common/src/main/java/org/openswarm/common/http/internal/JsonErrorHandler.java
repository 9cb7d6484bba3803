package org.openswarm.common.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.openswarm.api.ErrorCode;
import org.openswarm.common.http.ErrorBody;
import org.openswarm.common.http.ErrorStatus;
import org.openswarm.common.http.Reply;
import org.openswarm.common.json.Json;

/**
 * Answers the errors Jetty raises before a route runs (malformed requests, oversized headers, failures in Jetty
 * itself) with the same JSON body as the routes, and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        byte[] body = bodyFor(status, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        return ByteBuffer.wrap(bodyFor(status, reason));
    }

    private static byte[] bodyFor(int status, String message) {
        ErrorCode code = ErrorStatus.codeFor(status);
        String text = message == null || message.isBlank() ? "HTTP " + status : message;
        return Json.gson().toJson(ErrorBody.of(code, text)).getBytes(StandardCharsets.UTF_8);
    }
}
