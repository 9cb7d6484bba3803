package org.openswarm.sl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one Swarm Learning node: a factory configuration {@code org.openswarm.sl~<name>}
 * (file {@code etc/org.openswarm.sl-<name>.cfg}, which Karaf's file install turns into that PID), so one Karaf hosts as many SLs as the box can run.
 */
@ObjectClassDefinition(id = SlConfig.PID, name = "OpenSwarm Swarm Learning node",
        description = "One SL: sync rounds with its peers, the file server for parameter blobs and the local ML API.")
public @interface SlConfig {
    String PID = "org.openswarm.sl";

    @AttributeDefinition(name = "Name", description = "The SL's name: its data directory, LIST NODES, swarm:sl-info.")
    String name() default "sl";

    @AttributeDefinition(name = "SN host", description = "Where this SL's Swarm Network node answers.")
    String snHost() default "127.0.0.1";

    @AttributeDefinition(name = "SN port", description = "The SN REST API port (reference: 30304).", min = "1",
            max = "65535")
    int snPort() default 30304;

    @AttributeDefinition(name = "Join token", type = AttributeType.PASSWORD, required = false,
            description = "The network join token; empty means the local SN's <data>/openswarm/sn/join-token.")
    String joinToken() default "";

    @AttributeDefinition(name = "File-server bind host", description = "Address the file server binds to.")
    String fileServerBindHost() default "0.0.0.0";

    @AttributeDefinition(name = "File-server host", description = "The address peers reach this SL's file server "
            + "at, as registered on the ledger.")
    String fileServerHost() default "127.0.0.1";

    @AttributeDefinition(name = "File-server port", description = "Port of the file server (reference: 30305).",
            min = "1", max = "65535")
    int fileServerPort() default 30305;

    @AttributeDefinition(name = "ML API port", description = "Port of the local ML API on 127.0.0.1.", min = "1",
            max = "65535")
    int mlPort() default 30310;

    @AttributeDefinition(name = "Data directory", required = false,
            description = "Where blobs and state live; empty means <karaf data>/openswarm/sl/<name>.")
    String dataDir() default "";

    @AttributeDefinition(name = "Make me admin", description = "Whether this SL may lead (merge) a round "
            + "(reference SL_MAKE_ME_ADMIN). False keeps a weak box out of leader election.")
    boolean makeMeAdmin() default true;

    @AttributeDefinition(name = "Full-quorum wait (s)", description = "How long a leader waits for more peers once "
            + "minPeers have checked in (reference SL_WAIT_FOR_FULL_QUORUM_SECONDS); ends early when every live "
            + "enrolled node is in.", min = "0")
    int fullQuorumWaitSeconds() default 30;

    @AttributeDefinition(name = "Leader timeout (s)", description = "How long after the freeze a participant waits "
            + "for the merged model before it takes the merge over (reference SL_LEADER_FAILURE_BASE_TIMEOUT); the "
            + "training contract's own deadline applies as well.", min = "1")
    int leaderTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Heartbeat interval (s)", description = "How often the SL tells its SN it is alive.",
            min = "1")
    int heartbeatSeconds() default 10;

    @AttributeDefinition(name = "Ledger poll interval (ms)", description = "How often a waiting SL reads its round.",
            min = "20")
    int pollMillis() default 250;

    @AttributeDefinition(name = "Parallel fetches", description = "Peer blobs a leader downloads at once.", min = "1")
    int fetchParallelism() default 4;

    @AttributeDefinition(name = "Peer timeout (s)", description = "How long a peer's file server may take to start "
            + "answering a download; a hung peer is then left out of the merge.", min = "1")
    int peerTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Largest model (bytes)", description = "Larger parameter uploads are refused (413).",
            min = "1")
    long maxModelBytes() default 8L * 1024 * 1024 * 1024;

    @AttributeDefinition(name = "ML API idle timeout (s)", description = "How long an idle ML API connection stays "
            + "open; every long poll answers before it, so a quorum wait of hours never hits it.", min = "2")
    int mlIdleTimeoutSeconds() default 330;

    @AttributeDefinition(name = "Rounds kept", description = "Blobs of this many latest rounds stay on disk.",
            min = "2")
    int roundsKept() default 3;

    @AttributeDefinition(name = "Log level", description = "Level of the per-ML <program>_sw.log "
            + "(reference SL_LOG_LEVEL): DEBUG, INFO, WARN or ERROR.")
    String logLevel() default "INFO";
}
