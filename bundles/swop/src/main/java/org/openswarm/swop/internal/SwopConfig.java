package org.openswarm.swop.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the SWOP ({@code etc/org.openswarm.swop.cfg}). With no profile the SWOP stays idle. */
@ObjectClassDefinition(id = SwopConfig.PID, name = "OpenSwarm SWOP",
        description = "The Swarm Operator: listens on a taskrunner and runs the tasks assigned to it.")
public @interface SwopConfig {
    String PID = "org.openswarm.swop";

    @AttributeDefinition(name = "Profile", required = false, description = "The SWOP profile (YAML, reference §4); "
            + "relative to the Karaf home. Empty: the SWOP stays idle.")
    String profile() default "";

    @AttributeDefinition(name = "SN host", description = "Where this SWOP's Swarm Network node answers (the "
            + "profile's apisrv.locator.host wins for its SLs).")
    String snHost() default "127.0.0.1";

    @AttributeDefinition(name = "SN port", description = "The SN REST API port.", min = "1", max = "65535")
    int snPort() default 30304;

    @AttributeDefinition(name = "Join token", type = AttributeType.PASSWORD, required = false,
            description = "The network join token; empty means the local SN's <data>/openswarm/sn/join-token.")
    String joinToken() default "";

    @AttributeDefinition(name = "Taskrunner", required = false,
            description = "The taskrunner to listen on; empty means the profile's taskrunner.")
    String taskrunner() default "";

    @AttributeDefinition(name = "Name", required = false,
            description = "The SWOP's name in LIST NODES; empty means swop-<groupname>.")
    String name() default "";

    @AttributeDefinition(name = "Host", description = "The address this SWOP registers with its SN.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Data directory", required = false,
            description = "Run directories, logs, user environments and content; empty means <karaf data>/openswarm/swop.")
    String dataDir() default "";

    @AttributeDefinition(name = "Poll interval (ms)", description = "How often the SWOP reads its taskrunner.",
            min = "50")
    int pollMillis() default 1000;

    @AttributeDefinition(name = "Heartbeat interval (s)", description = "How often it tells its SN it is alive.",
            min = "1")
    int heartbeatSeconds() default 10;

    @AttributeDefinition(name = "Keep on reset", description = "RESET TASKRUNNER stops the task's processes but "
            + "keeps its SL instances and run directories (reference SWOP_KEEP_CONTAINERS).")
    boolean keepOnReset() default false;

    @AttributeDefinition(name = "SL start timeout (s)", description = "How long an SL may take to come up.",
            min = "1")
    int slStartTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Stop grace (s)", description = "How long a stopped process may take to exit "
            + "after SIGTERM before it is killed.", min = "0")
    int stopGraceSeconds() default 10;

    @AttributeDefinition(name = "SL image", description = "Resource manager DOCKER: the image of the SL containers. "
            + "No OpenSwarm SL image is built yet; the default is the name one would have.")
    String slImage() default "openswarm/sl:0.1.0";

    @AttributeDefinition(name = "Volume helper image", description = "Resource manager DOCKER: the image of the "
            + "never-started helper container that fills content volumes (pulled when missing).")
    String dockerHelperImage() default "busybox:1.36";
}
