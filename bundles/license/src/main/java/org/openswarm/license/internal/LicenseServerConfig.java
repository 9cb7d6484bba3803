package org.openswarm.license.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the license server, PID {@code org.openswarm.license.server}. */
@ObjectClassDefinition(id = LicenseServerConfig.PID, name = "OpenSwarm license server",
        description = "Floating licenses on 5814: signed licenses, the built-in community license, leased tokens.")
public @interface LicenseServerConfig {
    String PID = "org.openswarm.license.server";

    @AttributeDefinition(name = "Host", description = "Address the license server binds to; 0.0.0.0 for every "
            + "interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(name = "Port", description = "Port of the license REST API (reference: 5814).", min = "1",
            max = "65535")
    int port() default 5814;

    @AttributeDefinition(name = "Token TTL (s)", description = "How long a token lasts unless its holder renews it; "
            + "a holder that dies frees its token after this long.", min = "1")
    int tokenTtlSeconds() default 1800;

    @AttributeDefinition(name = "Trusted keys directory", required = false, description = "Directory of the "
            + "Ed25519 public keys (*.pub, base64 X.509) whose licenses this server accepts; empty means "
            + "${karaf.etc}/license-keys.")
    String trustedKeysDir() default "";

    @AttributeDefinition(name = "Data directory", required = false, description = "Where the installed licenses, "
            + "the leased tokens and the admin token are kept; empty means ${karaf.data}/openswarm/license.")
    String dataDir() default "";

    @AttributeDefinition(name = "Maximum request body (bytes)",
            description = "Larger request bodies are refused with 413.", min = "1")
    long maxRequestBytes() default 65536;

    @AttributeDefinition(name = "Request threads", description = "Requests served at the same time.", min = "4")
    int maxThreads() default 32;
}
