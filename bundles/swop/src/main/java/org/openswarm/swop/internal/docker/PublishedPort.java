package org.openswarm.swop.internal.docker;

/**
 * A container port published on the host ({@code -p hostPort:containerPort/tcp}); the SL's file server is always
 * 30305 inside its container and the profile's {@code slport} (or the port of {@code slfsservice}) outside.
 */
public record PublishedPort(int hostPort, int containerPort) {

    public PublishedPort {
        if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + hostPort + ":" + containerPort);
        }
    }
}
