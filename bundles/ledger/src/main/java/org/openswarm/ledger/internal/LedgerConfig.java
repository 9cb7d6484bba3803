package org.openswarm.ledger.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the ledger client, PID {@code org.openswarm.ledger} ({@code etc/org.openswarm.ledger.cfg}). */
@ObjectClassDefinition(id = LedgerConfig.PID, name = "OpenSwarm ledger",
        description = "Where the swarm's chain runs and how this SN signs its transactions.")
public @interface LedgerConfig {
    String PID = "org.openswarm.ledger";

    @AttributeDefinition(name = "Backend", description = "embedded: this box runs the chain (anvil, the sentinel's "
            + "default); sentinel: an SN joining a network, through the sentinel's relay; rpc: an Ethereum JSON-RPC "
            + "endpoint the operator runs.")
    String backend() default "embedded";

    @AttributeDefinition(name = "Sentinel URL", required = false,
            description = "The sentinel SN's API, e.g. http://10.0.0.1:30304 (backend sentinel).")
    String sentinelUrl() default "";

    @AttributeDefinition(name = "Join token", type = AttributeType.PASSWORD, required = false,
            description = "The network join token from the sentinel's data/openswarm/sn/join-token (backend sentinel).")
    String joinToken() default "";

    @AttributeDefinition(name = "anvil binary",
            description = "Path of the anvil binary; empty means the one shipped in <karaf.home>/bin/anvil.")
    String anvilBinary() default "";

    @AttributeDefinition(name = "Chain port", description = "Loopback port of the embedded chain's JSON-RPC.",
            min = "1", max = "65535")
    int chainPort() default 30309;

    @AttributeDefinition(name = "Chain id", description = "Chain id transactions are signed for (EIP-155).", min = "1")
    long chainId() default 31337;

    @AttributeDefinition(name = "RPC URL", description = "JSON-RPC URL of the chain node (backend rpc).",
            required = false)
    String rpcUrl() default "";

    @AttributeDefinition(name = "Key file",
            description = "File holding this SN's private key as hex (backend rpc).", required = false)
    String keyFile() default "";

    @AttributeDefinition(name = "Private key", type = AttributeType.PASSWORD, required = false,
            description = "This SN's private key as hex, instead of a key file (backend rpc).")
    String privateKey() default "";

    @AttributeDefinition(name = "Memory cap (MiB)",
            description = "The supervisor restarts the embedded chain node when it grows past this.", min = "64")
    int memoryCapMb() default 2048;

    @AttributeDefinition(name = "Stall timeout (s)", description = "Restart the embedded chain node when transactions "
            + "are pending and no block is mined for this long.", min = "2")
    int stallSeconds() default 30;

    @AttributeDefinition(name = "Outbox retention (s)",
            description = "How long mined transactions are kept for replay after a chain restart.", min = "10")
    int outboxRetentionSeconds() default 600;
}
