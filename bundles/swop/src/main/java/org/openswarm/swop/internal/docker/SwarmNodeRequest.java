package org.openswarm.swop.internal.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SL/ML pair of a RUN_SWARM task as the docker resource manager needs it: the profile's {@code slnodedef} and
 * top-level fields, the task's body and the SWOP's own identity, already read and validated by the SWOP's profile
 * and task code (this package parses no YAML). Lists of single-key maps keep the reference's YAML shape.
 *
 * @param swop       this SWOP's name (labels, container names; RESET removes only its own containers)
 * @param taskrunner the taskrunner contract the task came from
 * @param task       task name
 * @param group      profile {@code groupname}
 * @param nodeIdx    {@code slnodedef.idx}
 * @param network    profile {@code network}
 * @param dns        profile {@code dns}, may be empty
 */
public record SwarmNodeRequest(String swop, String taskrunner, String task, String group, int nodeIdx,
                               String network, List<String> dns, Sl sl, Ml ml) {

    public SwarmNodeRequest {
        requireText(swop, "swop");
        requireText(taskrunner, "taskrunner");
        requireText(task, "task");
        requireText(group, "groupname");
        requireText(network, "network");
        if (nodeIdx < 0) {
            throw new IllegalArgumentException("idx must be >= 0, got " + nodeIdx);
        }
        dns = dns == null ? List.of() : List.copyOf(dns);
        Objects.requireNonNull(sl, "sl");
        Objects.requireNonNull(ml, "ml");
    }

    /** One identity attribute: its {@code aType} (KEY, CERT, CACERT, CAPATH, SPIFFE_SOCKETPATH) and its mount. */
    public record Identity(String aType, MountSpec mount) {
    }

    /**
     * The SL container.
     *
     * @param image        the SL image
     * @param hostname     {@code slhostname}, or null
     * @param hostIp       {@code slhostip}: how peers reach this SL from outside, or null
     * @param fsPort       {@code slport}: host port published to 30305, or null (30305, or the slfsservice port)
     * @param fsService    {@code slfsservice} FQDN[:port], or null
     * @param ipv4Address  {@code slnetworkopts: [ip: ...]}, or null
     * @param envvars      profile {@code envvars} (all SLs of the group)
     * @param slenvvars    this node's {@code slenvvars} (win over envvars)
     * @param labels       {@code sllabels}
     * @param snHost       SN API host ({@code apisrv.locator.host} or run-swop's), or null with snService
     * @param snPort       SN API port, or null for 30304
     * @param snService    SN API service FQDN[:port], or null
     * @param aplsHost     license server host, or null (OpenSwarm needs none)
     * @param aplsPort     license server port, or null for 5814
     * @param token        the token this SL will require from its ML program (SWARM_SL_TOKEN)
     * @param mlPort       port of the SL's local ML API inside its container (30310)
     */
    public record Sl(String image, String hostname, String hostIp, Integer fsPort, String fsService,
                     String ipv4Address, List<? extends Map<String, ?>> envvars,
                     List<? extends Map<String, ?>> slenvvars, List<Identity> identity, Map<String, String> labels,
                     String snHost, Integer snPort, String snService, String aplsHost, Integer aplsPort,
                     String token, int mlPort) {
        public Sl {
            requireText(image, "SL image");
            requireText(token, "SL token");
            if (snHost == null && snService == null) {
                throw new IllegalArgumentException("the SL needs the SN API: apisrv host or service");
            }
            identity = identity == null ? List.of() : List.copyOf(identity);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /**
     * The user ML container.
     *
     * @param image          the prerequisite task's Outcome (the built or pulled image)
     * @param entrypoint     task {@code Entrypoint}, e.g. python3
     * @param command        task {@code Command}, e.g. model/mnist_tf.py (split on blanks, "..." keeps a blank)
     * @param workingDir     task {@code WorkingDir}
     * @param taskEnvvars    task {@code Envvars}
     * @param usrenvvars     this node's {@code usrenvvars} (win over the task's)
     * @param privateData    this node's {@code privatedata} mounted at the task's {@code PrivateContent}, or null
     * @param sharedContent  the task's {@code SharedContent} mounts
     * @param options        this node's {@code usrcontaineropts}
     * @param labels         {@code usrlabels}
     * @param user           {@code uid:gid} the ML runs as (the SWOP user's), or null
     */
    public record Ml(String image, String entrypoint, String command, String workingDir,
                     List<? extends Map<String, ?>> taskEnvvars, List<? extends Map<String, ?>> usrenvvars,
                     MountSpec privateData, List<MountSpec> sharedContent, UserContainerOptions options,
                     Map<String, String> labels, String user) {
        public Ml {
            requireText(image, "ML image (the prerequisite task's Outcome)");
            sharedContent = sharedContent == null ? List.of() : List.copyOf(sharedContent);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            options = options == null ? UserContainerOptions.NONE : options;
        }
    }

    static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
    }
}
