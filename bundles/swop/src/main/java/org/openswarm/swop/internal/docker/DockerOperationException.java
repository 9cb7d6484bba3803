package org.openswarm.swop.internal.docker;

/**
 * The engine answered but refused or failed an operation (image not found, name conflict, build step failed...).
 * The message names the operation and carries the engine's own message.
 */
public final class DockerOperationException extends RuntimeException {

    public DockerOperationException(String operation, String message, Throwable cause) {
        super(operation + ": " + message, cause);
    }
}
