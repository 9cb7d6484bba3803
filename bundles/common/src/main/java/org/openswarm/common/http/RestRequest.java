package org.openswarm.common.http;

import java.io.InputStream;
import java.util.Optional;

/** One request as a route sees it. Body reads are bounded by the server's {@code maxRequestBytes}. */
public interface RestRequest {
    String method();

    /** The path, without the query string. */
    String path();

    /** A {@code {name}} segment of the route template; every name of the matched template is present. */
    String pathParam(String name);

    /** The first value of a query parameter. */
    Optional<String> query(String name);

    Optional<String> header(String name);

    /** The peer address as {@code host:port}. */
    String remoteAddress();

    /**
     * The body as a stream. Reading past {@code maxRequestBytes} throws a
     * {@link org.openswarm.api.SwarmException} with {@code PAYLOAD_TOO_LARGE}.
     */
    InputStream bodyStream();

    /** The body as UTF-8 text. */
    String bodyText();

    /** The body parsed as JSON; malformed or empty JSON is a {@code BAD_REQUEST}. */
    <T> T bodyJson(Class<T> type);
}
