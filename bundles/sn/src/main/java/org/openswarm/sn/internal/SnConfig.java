package org.openswarm.sn.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Swarm Network node, PID {@code org.openswarm.sn} ({@code etc/org.openswarm.sn.cfg}). */
@ObjectClassDefinition(id = SnConfig.PID, name = "OpenSwarm Swarm Network node",
        description = "The SN API server (REST on 30304) and, with the ledger issue, the ledger node.")
public @interface SnConfig {
    String PID = "org.openswarm.sn";

    @AttributeDefinition(name = "Host", description = "Address the SN API binds to; 0.0.0.0 for every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(name = "API port", description = "Port of the SN REST API (reference: 30304).", min = "1",
            max = "65535")
    int apiPort() default 30304;

    @AttributeDefinition(name = "Ledger port", description = "On the sentinel: the port where joining SNs reach the "
            + "chain through this SN (a JSON-RPC relay that checks the join token; reference: 30303).", min = "1",
            max = "65535")
    int ledgerPort() default 30303;

    @AttributeDefinition(name = "Sentinel",
            description = "True for the first SN of a network, which creates the ledger and deploys the contracts.")
    boolean sentinel() default true;

    @AttributeDefinition(name = "Name", description = "A readable name for this SN in LIST NODES.", required = false)
    String name() default "sn";

    @AttributeDefinition(name = "Advertised host", description = "The address other nodes reach this SN at, as "
            + "recorded on the ledger; empty means the bind host, or 127.0.0.1 when that is 0.0.0.0.", required = false)
    String advertisedHost() default "";

    @AttributeDefinition(name = "Join token", type = AttributeType.PASSWORD, required = false,
            description = "The network join token every API call but /is_up and /version must carry. A sentinel "
                    + "without one makes one and keeps it in <data>/openswarm/sn/join-token.")
    String joinToken() default "";

    @AttributeDefinition(name = "Heartbeat interval (s)", description = "How often the SN tells the ledger that it "
            + "and its nodes are alive.", min = "1")
    int heartbeatSeconds() default 10;

    @AttributeDefinition(name = "Missed heartbeats",
            description = "A node that missed this many heartbeats in a row is not alive.", min = "1")
    int missedHeartbeats() default 3;

    @AttributeDefinition(name = "Maximum request body (bytes)",
            description = "Larger request bodies are refused with 413.", min = "1")
    long maxRequestBytes() default 1048576;

    @AttributeDefinition(name = "Request threads", description = "Requests served at the same time.", min = "4")
    int maxThreads() default 32;

    @AttributeDefinition(name = "TLS", description = "Serve HTTPS instead of HTTP.")
    boolean tlsEnabled() default false;

    @AttributeDefinition(name = "Keystore", description = "PKCS12 (or .jks) file with the SN's key and certificate.",
            required = false)
    String tlsKeystore() default "";

    @AttributeDefinition(name = "Keystore password", type = AttributeType.PASSWORD, required = false)
    String tlsKeystorePassword() default "";

    @AttributeDefinition(name = "Truststore", description = "CA certificates that client certificates must chain to.",
            required = false)
    String tlsTruststore() default "";

    @AttributeDefinition(name = "Truststore password", type = AttributeType.PASSWORD, required = false)
    String tlsTruststorePassword() default "";

    @AttributeDefinition(name = "Require client certificates",
            description = "Mutual TLS: refuse clients without a certificate the truststore trusts.")
    boolean tlsNeedClientAuth() default false;
}
