package org.openswarm.swop.internal.docker;

/**
 * The Docker engine cannot be reached at all: no socket, connection refused, timeout, or something that is not a
 * Docker engine. The message always starts with {@code docker not available: <endpoint>} so an operator sees at
 * once which DOCKER_HOST or socket path was tried.
 */
public final class DockerUnavailableException extends RuntimeException {

    public DockerUnavailableException(DockerEndpoint endpoint, String reason, Throwable cause) {
        super("docker not available: " + endpoint.describe() + ": " + reason, cause);
    }
}
