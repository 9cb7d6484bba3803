package org.openswarm.common.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The routes of one REST server, each an HTTP method and a URI template such as
 * {@code /v1/params/{contract}/{round}/{uid}}. A path that matches no template answers 404, a path that matches only
 * with other methods answers 405 with an {@code Allow} header.
 */
public final class Routes {
    /** One route. */
    public record Route(String method, String template, RouteHandler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Routes get(String template, RouteHandler handler) {
        return add("GET", template, handler);
    }

    public Routes post(String template, RouteHandler handler) {
        return add("POST", template, handler);
    }

    public Routes put(String template, RouteHandler handler) {
        return add("PUT", template, handler);
    }

    public Routes delete(String template, RouteHandler handler) {
        return add("DELETE", template, handler);
    }

    public Routes add(String method, String template, RouteHandler handler) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        if (template == null || !template.startsWith("/"))
            throw new IllegalArgumentException("A route template starts with '/': " + template);
        routes.add(new Route(method, template, handler));
        return this;
    }

    public List<Route> list() {
        return List.copyOf(routes);
    }
}
