package org.openswarm.swop.internal.docker;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openswarm.api.ledger.TaskType;
import org.openswarm.swop.internal.exec.TaskRun;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.process.UserContent;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profile.NodeDef;

/**
 * The glue's pure half for RUN_SWARM: one {@link SwarmNodeRequest} per {@code slnodedef} of a validated profile,
 * from the profile's top level (network, dns, envvars, apls, apisrv), the node's definition, the task's body and its
 * prerequisite. Every problem is an {@link IllegalArgumentException} naming the node and the field, raised before any
 * container is created.
 */
public final class SwarmTaskMapper {

    /** The SL's ML API port inside the SL container (the ML shares its network namespace) unless slmlport says. */
    public static final int ML_API_PORT = 30310;

    private SwarmTaskMapper() {
    }

    /**
     * @param tokens the token each node's SL will require from its ML program (random per run)
     */
    public static List<SwarmNodeRequest> requests(Profile profile, TaskRun run, DockerSettings settings,
            Function<NodeDef, String> tokens) {
        TaskSpec task = run.task();
        String image = mlImage(run);
        Map<String, Object> doc = profile.document();
        List<SwarmNodeRequest> out = new ArrayList<>();
        for (NodeDef node : profile.nodes()) {
            try {
                out.add(new SwarmNodeRequest(settings.swop(), settings.taskrunner(), task.name(), profile.groupName(),
                        node.idx(), profile.network(), strings(doc.get("dns")),
                        sl(profile, node, settings, tokens.apply(node)), ml(task, node, image, settings)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node " + node.idx() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The image the ML containers run: the Outcome of the Prereq that built or pulled it. */
    static String mlImage(TaskRun run) {
        TaskSpec prereq = run.prereq();
        String what = "RUN_SWARM " + run.task().name();
        if (prereq == null)
            throw new IllegalArgumentException(what + " has no Prereq; under DOCKER its ML containers run the image "
                    + "that its Prereq (MAKE_USER_CONTAINER or PULL_IMAGE) made");
        if (prereq.type() != TaskType.MAKE_USER_CONTAINER && prereq.type() != TaskType.PULL_IMAGE)
            throw new IllegalArgumentException(what + ": Prereq " + prereq.name() + " is a " + prereq.type()
                    + " task; under DOCKER the Prereq must make an image (MAKE_USER_CONTAINER or PULL_IMAGE)"
                    + (prereq.type() == TaskType.MAKE_USER_ENV ? " (MAKE_USER_ENV belongs to resourcemgr PROCESS)"
                            : ""));
        return prereq.outcome();
    }

    private static SwarmNodeRequest.Sl sl(Profile profile, NodeDef node, DockerSettings s, String token) {
        Map<String, Object> def = node.definition();
        Map<String, Object> apls = map(map(profile.document().get("apls")).get("locator"));
        List<SwarmNodeRequest.Identity> identity = new ArrayList<>();
        for (Object item : list(def.get("identity"))) {
            Map<String, Object> a = map(map(item).get("attribute"));
            if (a.get("subPath") != null)
                throw new IllegalArgumentException("identity " + a.get("tgt") + ": subPath is not supported yet");
            identity.add(new SwarmNodeRequest.Identity(text(a.get("aType")), mount(text(a.get("mType")),
                    text(a.get("src")), text(a.get("tgt")), true, node.idx(), s)));
        }
        // The profile's apisrv wins; without it the SWOP's own SN (which must be reachable from the container).
        String snHost = profile.snHost() != null ? profile.snHost() : profile.snService() != null ? null : s.snHost();
        Integer snPort = profile.snPort() != null && profile.snPort() > 0 ? profile.snPort() : Integer.valueOf(s.snPort());
        return new SwarmNodeRequest.Sl(s.slImage(), node.slHostname(), node.slHostIp(), node.slPort(),
                text(def.get("slfsservice")), ipv4(def.get("slnetworkopts")), envList(profile.document().get("envvars")),
                envList(def.get("slenvvars")), identity, SwarmPairPlanner.labels(def.get("sllabels")), snHost, snPort,
                profile.snService(), text(apls.get("host")), apls.get("port") instanceof Number n ? n.intValue() : null,
                token, node.slMlPort() != null && node.slMlPort() > 0 ? node.slMlPort() : ML_API_PORT);
    }

    private static SwarmNodeRequest.Ml ml(TaskSpec task, NodeDef node, String image, DockerSettings s) {
        Map<String, Object> def = node.definition();
        MountSpec privateData = null;
        String privateTarget = task.string("PrivateContent");
        if (privateTarget != null && node.privateSrc() != null)
            privateData = mount(node.privateType().name(), node.privateSrc(), privateTarget, false, node.idx(), s);
        List<MountSpec> shared = new ArrayList<>();
        for (Object item : list(task.body().get("SharedContent"))) {
            Map<String, Object> m = map(item);
            shared.add(mount(text(m.get("MType")), text(m.get("Src")), text(m.get("Tgt")), false, node.idx(), s));
        }
        return new SwarmNodeRequest.Ml(image, task.string("Entrypoint"), task.string("Command"),
                task.string("WorkingDir"), envList(task.body().get("Envvars")), envList(def.get("usrenvvars")),
                privateData, shared, UserContainerOptions.fromList(envList(def.get("usrcontaineropts"))),
                SwarmPairPlanner.labels(def.get("usrlabels")), s.user());
    }

    /**
     * A BIND source relative to the profile's directory becomes absolute (as under PROCESS). A VOLUME source that this
     * SWOP filled per node (MAKE_SWARM_USER_CONTENT with SWARMCONTENT) is the node's own volume
     * {@code <name>-<idx>}.
     */
    static MountSpec mount(String type, String src, String tgt, boolean readOnly, int idx, DockerSettings s) {
        if (src == null || tgt == null)
            throw new IllegalArgumentException("a mount needs a source and a target (got " + src + " -> " + tgt + ")");
        String source = src;
        if ("BIND".equalsIgnoreCase(type) && !src.startsWith("/"))
            source = s.profileDir().resolve(src).toAbsolutePath().normalize().toString();
        if ("VOLUME".equalsIgnoreCase(type) && Files.exists(s.dirs().content(src).resolve(UserContent.PER_NODE_MARKER)))
            source = ContentVolumes.perNode(src, idx);
        String target = tgt.length() > 1 && tgt.endsWith("/") ? tgt.substring(0, tgt.length() - 1) : tgt;
        return MountSpec.of(type, source, target, readOnly);
    }

    /** {@code slnetworkopts: [ip: 10.0.0.5]}: the SL's static address; any other key is refused. */
    static String ipv4(Object options) {
        String ip = null;
        for (Map<String, Object> option : envList(options)) {
            for (Map.Entry<String, Object> e : option.entrySet()) {
                if (!"ip".equals(e.getKey()))
                    throw new IllegalArgumentException("slnetworkopts: unknown option '" + e.getKey() + "' (known: ip)");
                ip = text(e.getValue());
            }
        }
        return ip;
    }

    /** The reference's list of single-key maps; a single map is taken as one entry. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> envList(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof Map<?, ?> m)
            out.add((Map<String, Object>) m);
        for (Object item : list(value))
            if (item instanceof Map<?, ?> m)
                out.add((Map<String, Object>) m);
        return out;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
