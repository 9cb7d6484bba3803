package org.openswarm.common.http;

/**
 * Handles one route. Runs on a server thread and may block. Throw a {@link org.openswarm.api.SwarmException} to answer
 * with its code; any other exception becomes a 500 whose details go only to the log.
 */
@FunctionalInterface
public interface RouteHandler {
    Reply handle(RestRequest request) throws Exception;
}
