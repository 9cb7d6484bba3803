package org.openswarm.common.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each request to the route whose method and URI template match, answering 404, 405 and 413 itself.
 * Handlers may block: Jetty runs a blocking handler on a pool thread.
 */
final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private record CompiledRoute(String method, UriTemplatePathSpec spec, Routes.Route route) {
    }

    private final List<CompiledRoute> routes;
    private final long maxRequestBytes;

    Router(List<Routes.Route> routes, long maxRequestBytes) {
        this.routes = routes.stream()
                .map(r -> new CompiledRoute(r.method(), new UriTemplatePathSpec(r.template()), r))
                .toList();
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Unread request bodies up to this size are drained before answering, so the connection stays usable. */
    private static final long DRAIN_LIMIT = 1024 * 1024;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply = dispatch(request);
        drain(request);
        write(reply, response, callback);
        return true;
    }

    /**
     * A route that refuses a request (401, 404, 400) may not have read its body; a client that reuses the connection
     * would then find it closed under it. Small bodies are read and dropped; larger ones end the connection as Jetty
     * decides.
     */
    private static void drain(Request request) {
        long length = request.getLength();
        if (length <= 0 || length > DRAIN_LIMIT)
            return;
        try {
            Content.Source.consumeAll(request);
        } catch (Exception e) {
            LOG.debug("Draining an unread request body failed: {}", e.toString());
        }
    }

    private Reply dispatch(Request request) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (request.getLength() > maxRequestBytes)
            return tooLarge(request.getLength());

        List<CompiledRoute> onPath = new ArrayList<>();
        for (CompiledRoute route : routes)
            if (route.spec().matches(path))
                onPath.add(route);
        if (onPath.isEmpty())
            return Reply.error(ErrorCode.NOT_FOUND, "No such resource: " + path);
        CompiledRoute chosen = onPath.stream().filter(r -> r.method().equals(method)).findFirst().orElse(null);
        if (chosen == null) {
            TreeSet<String> allowed = new TreeSet<>();
            onPath.forEach(r -> allowed.add(r.method()));
            String allow = String.join(", ", allowed);
            return Reply.error(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path + "; use " + allow)
                    .header(HttpHeader.ALLOW.asString(), allow);
        }
        Map<String, String> params = chosen.spec().getPathParams(path);
        try {
            return chosen.route().handler().handle(new JettyRestRequest(request, params, maxRequestBytes));
        } catch (SwarmException e) {
            LOG.debug("{} {} -> {}: {}", method, path, e.code(), e.getMessage());
            return Reply.error(e.code(), e.getMessage());
        } catch (Exception e) {
            LOG.warn("{} {} failed", method, path, e);
            return Reply.error(ErrorCode.INTERNAL, "Internal error while handling " + method + " " + path
                    + "; the server log has the details");
        }
    }

    private Reply tooLarge(long length) {
        return Reply.error(ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body of " + length + " bytes exceeds the limit of " + maxRequestBytes + " bytes");
    }

    private static void write(Reply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        if (reply.contentType() != null)
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (reply.file() != null) {
            writeFile(reply.file(), response, callback);
            return;
        }
        byte[] body = reply.body();
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Streams a file in blocking writes (handlers run on pool threads), so its size never matters to the heap. */
    private static void writeFile(Path file, Response response, Callback callback) {
        try {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(file));
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                Files.copy(file, out);
            }
            callback.succeeded();
        } catch (IOException e) {
            LOG.debug("Streaming {} failed: {}", file, e.toString());
            callback.failed(e);
        }
    }
}
