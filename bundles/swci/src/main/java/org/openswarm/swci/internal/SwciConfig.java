package org.openswarm.swci.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the SWCI (PID {@code org.openswarm.swci}, file {@code etc/org.openswarm.swci.cfg}): which SN it
 * talks to, where its contexts live, and its web API. {@code bin/swci} reads the same file.
 */
@ObjectClassDefinition(id = SwciConfig.PID, name = "OpenSwarm Swarm Command Interface",
        description = "The SWCI: one command session shared by the swarm:swci shell commands and the web API.")
public @interface SwciConfig {
    String PID = "org.openswarm.swci";

    @AttributeDefinition(name = "SN host", description = "The SN that ledger commands reach while no context is "
            + "current (CREATE CONTEXT / SWITCH CONTEXT choose another).")
    String snHost() default "localhost";

    @AttributeDefinition(name = "SN port", description = "That SN's REST API port (reference: 30304).", min = "1",
            max = "65535")
    int snPort() default 30304;

    @AttributeDefinition(name = "Join token", type = AttributeType.PASSWORD, required = false,
            description = "The network join token sent to the SN; empty means the local SN's "
                    + "<data>/openswarm/sn/join-token, read again before each call.")
    String joinToken() default "";

    @AttributeDefinition(name = "State directory", required = false,
            description = "Where the contexts (contexts.json) and uploaded task files live; empty means "
                    + "<karaf data>/openswarm/swci, a relative path sits under <karaf data>/openswarm.")
    String stateDir() default "";

    @AttributeDefinition(name = "Web API enabled", description = "Whether the web API (POST /exec, "
            + "POST /uploadTaskDef) listens.")
    boolean webEnabled() default true;

    @AttributeDefinition(name = "Web API bind host", description = "Address the web API binds to. It has no "
            + "authentication until mutual TLS comes, so the default keeps it on this box.")
    String webBindHost() default "127.0.0.1";

    @AttributeDefinition(name = "Web API port", description = "Port of the web API (reference: 30306).", min = "1",
            max = "65535")
    int webPort() default 30306;

    @AttributeDefinition(name = "Largest upload (bytes)", description = "Larger task definition uploads are "
            + "refused (413). Task files are a few KiB.", min = "1024")
    long maxUploadBytes() default 1024 * 1024;

    @AttributeDefinition(name = "Largest wait (minutes)", description = "Caps WAIT FOR TASKRUNNER without its own "
            + "maximum; 0 keeps the reference's SWCI_*_TASK_MAX_WAIT_TIME / 120 minutes.", min = "0")
    int maxWaitMinutes() default 0;
}
