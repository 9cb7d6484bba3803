package org.openswarm.swop.internal.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans the two containers of one RUN_SWARM pair (reference §2.3 step 11) from a {@link SwarmNodeRequest}. Pure:
 * it decides names, environment, mounts, ports, labels and options; {@link DockerPairLauncher} sends them.
 *
 * <p>One deliberate difference from the reference: the ML container shares the SL container's network namespace
 * ({@code NetworkMode container:<sl>}) instead of taking the SL's pipe volumes ({@code --volumes-from}), because
 * an OpenSwarm SL serves its ML API over HTTP on loopback only (docs/ml-api.md). The profile's {@code usrhostname}
 * and {@code usrnetworkopts} therefore do not apply to the ML container.
 */
public final class SwarmPairPlanner {

    /** The SL file server's port inside its container, as in the reference. */
    public static final int SL_FS_PORT = 30305;
    public static final int SN_API_PORT = 30304;
    public static final int APLS_PORT = 5814;

    private SwarmPairPlanner() {
    }

    public static DockerNodePlan plan(SwarmNodeRequest r) {
        String slName = containerName(r, "sl");
        return new DockerNodePlan(slContainer(r, slName), mlContainer(r, slName));
    }

    /** {@code <swop>-<task>-<idx>-<role>} in Docker's name charset, e.g. {@code swop1-mnist-0-sl}. */
    public static String containerName(SwarmNodeRequest r, String role) {
        String raw = r.swop() + "-" + r.task() + "-" + r.nodeIdx() + "-" + role;
        String clean = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "-");
        return clean.replaceFirst("^[^a-z0-9]+", "");
    }

    static ContainerSpec slContainer(SwarmNodeRequest r, String name) {
        SwarmNodeRequest.Sl sl = r.sl();
        int hostPort = hostFsPort(sl);
        EnvMerge env = new EnvMerge();
        // What run-sl sets from its options (reference §12.A), then the profile's envvars, then the node's.
        putIfSet(env, "SN_NODE_IP", sl.snHost());
        env.put("SN_API_SERVER_PORT", sl.snPort() == null ? SN_API_PORT : sl.snPort());
        putIfSet(env, "SN_API_SERVICE", sl.snService());
        putIfSet(env, "THIS_NODE_IP", sl.hostIp());
        env.put("SL_FS_PORT", hostPort);
        putIfSet(env, "SL_FS_SERVICE", sl.fsService());
        putIfSet(env, "SWARM_LICENSE_AUTOPASSJ_SERVER_PRIMARY_IP", sl.aplsHost());
        if (sl.aplsHost() != null) {
            env.put("SWARM_LICENSE_AUTOPASSJ_SERVER_PRIMARY_PORT", sl.aplsPort() == null ? APLS_PORT : sl.aplsPort());
        }
        List<MountSpec> mounts = new ArrayList<>();
        for (SwarmNodeRequest.Identity id : sl.identity()) {
            env.put(identityVariable(id.aType()), id.mount().target());
            mounts.add(id.mount());
        }
        env.layer(sl.envvars()).layer(sl.slenvvars());
        // The pairing itself is not the user's to override: the ML side is given the same token.
        env.put("SWARM_SL_TOKEN", sl.token());
        env.put("SWARM_SL_ML_PORT", sl.mlPort());
        List<String> aliases = sl.hostname() == null ? List.of() : List.of(sl.hostname());
        return new ContainerSpec(name, sl.image(), r.network(), sl.ipv4Address(), sl.hostname(), aliases,
                env.toList(), mounts, List.of(new PublishedPort(hostPort, SL_FS_PORT)), List.of(), List.of(), null,
                null, TaskLabels.forContainer(sl.labels(), r.swop(), r.taskrunner(), r.task(), r.group(),
                r.nodeIdx(), "sl"), r.dns(), UserContainerOptions.NONE);
    }

    static ContainerSpec mlContainer(SwarmNodeRequest r, String slName) {
        SwarmNodeRequest.Ml ml = r.ml();
        EnvMerge env = new EnvMerge().layer(ml.taskEnvvars()).layer(ml.usrenvvars());
        env.put("SWARM_SL_URL", "http://127.0.0.1:" + r.sl().mlPort());
        env.put("SWARM_SL_TOKEN", r.sl().token());
        List<MountSpec> mounts = new ArrayList<>();
        if (ml.privateData() != null) {
            mounts.add(ml.privateData());
        }
        mounts.addAll(ml.sharedContent());
        List<String> entrypoint = ml.entrypoint() == null ? List.of() : CommandLine.split(ml.entrypoint());
        List<String> command = ml.command() == null ? List.of() : CommandLine.split(ml.command());
        return new ContainerSpec(containerName(r, "ml"), ml.image(), "container:" + slName, null, null, List.of(),
                env.toList(), mounts, List.of(), entrypoint, command, ml.workingDir(), ml.user(),
                TaskLabels.forContainer(ml.labels(), r.swop(), r.taskrunner(), r.task(), r.group(), r.nodeIdx(),
                        "ml"), List.of(), ml.options());
    }

    /** slport, else the port of slfsservice (FQDN:port), else 30305. */
    static int hostFsPort(SwarmNodeRequest.Sl sl) {
        if (sl.fsPort() != null) {
            return sl.fsPort();
        }
        if (sl.fsService() != null && sl.fsService().contains(":")) {
            String port = sl.fsService().substring(sl.fsService().lastIndexOf(':') + 1);
            try {
                return Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("slfsservice port is not a number: '" + sl.fsService() + "'");
            }
        }
        return SL_FS_PORT;
    }

    /** The variable that tells the SL where an identity item is mounted (reference §12.A). */
    static String identityVariable(String aType) {
        return switch (aType == null ? "" : aType.toUpperCase(Locale.ROOT)) {
            case "KEY" -> "SWARM_ID_KEY";
            case "CERT" -> "SWARM_ID_CERT";
            case "CACERT" -> "SWARM_ID_CACERT";
            case "CAPATH" -> "SWARM_ID_CAPATH";
            case "SPIFFE_SOCKETPATH" -> "SWARM_SPIFFE_WORKLOAD_API_SOCKET_PATH";
            default -> throw new IllegalArgumentException("identity aType must be KEY, CERT, CACERT, CAPATH or "
                    + "SPIFFE_SOCKETPATH, got '" + aType + "'");
        };
    }

    private static void putIfSet(EnvMerge env, String key, String value) {
        if (value != null && !value.isBlank()) {
            env.put(key, value);
        }
    }

    /** Labels of a map-or-list {@code sllabels}/{@code usrlabels}: a list entry "k=v" or "k" (empty value). */
    public static Map<String, String> labels(Object value) {
        if (value == null) {
            return Map.of();
        }
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                String s = String.valueOf(o);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        } else {
            throw new IllegalArgumentException("labels must be a map or a list, got '" + value + "'");
        }
        return out;
    }
}
