package org.openswarm.license.client.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where this box's components lease their tokens, PID {@code org.openswarm.license.client}. */
@ObjectClassDefinition(id = LicenseClientConfig.PID, name = "OpenSwarm license client",
        description = "The license server this box's components lease tokens from.")
public @interface LicenseClientConfig {
    String PID = "org.openswarm.license.client";

    @AttributeDefinition(name = "Host", description = "The license server's host.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "The license server's port (5814).", min = "1", max = "65535")
    int port() default 5814;

    @AttributeDefinition(name = "Grace period (s)", description = "How long a component without a token may still "
            + "start new training sessions: 24 h by default. It never stops a node from starting.", min = "0")
    long graceSeconds() default 86400;

    @AttributeDefinition(name = "First retry (s)", description = "Wait before the first retry; doubles up to the most.",
            min = "1")
    int retryMinSeconds() default 2;

    @AttributeDefinition(name = "Longest retry (s)", min = "1")
    int retryMaxSeconds() default 300;
}
