package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openswarm.swop.internal.profile.EnvVars;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profile.MountType;
import org.openswarm.swop.internal.profile.Profile.NodeDef;

/**
 * What the process manager's task runners share: the profile, the data layout, the SL side, the SN an SL is pointed
 * at, and the time limits.
 *
 * @param profile         the SWOP's profile
 * @param profileDir      the profile's directory: relative {@code BIND} sources are relative to it
 * @param dirs            the data layout
 * @param sls             creates and removes SL instances
 * @param snHost          the SN that SLs use when the profile's {@code apisrv} does not say
 * @param snPort          its port
 * @param joinToken       the join token SLs get (empty: the local SN's token file)
 * @param slStartTimeout  how long an SL may take to write its ml.env
 * @param stopGrace       how long a stopped process may take before SIGKILL
 */
public record ProcessContext(Profile profile, Path profileDir, SwopDirs dirs, SlInstances sls, String snHost,
        int snPort, String joinToken, Duration slStartTimeout, Duration stopGrace) {

    /** The SL instance of {@code node}: {@code <groupname>-sl<idx>}. */
    public String slName(NodeDef node) {
        return SwopDirs.safe(profile.groupName() + "-sl" + node.idx());
    }

    /** The SL's configuration (keys of {@code org.openswarm.sl}) from the profile, the node and the SWOP. */
    public Map<String, Object> slProperties(NodeDef node) {
        String name = slName(node);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("snHost", profile.snHost() != null ? profile.snHost() : snHost);
        p.put("snPort", profile.snPort() != null && profile.snPort() > 0 ? profile.snPort() : snPort);
        p.put("joinToken", joinToken == null ? "" : joinToken);
        String host = node.slHostIp() != null ? node.slHostIp() : "127.0.0.1";
        p.put("fileServerHost", host);
        p.put("fileServerBindHost", host.startsWith("127.") || host.equals("localhost") ? "127.0.0.1" : "0.0.0.0");
        p.put("fileServerPort", node.slPort() != null && node.slPort() > 0 ? node.slPort() : freePort());
        p.put("mlPort", node.slMlPort() != null && node.slMlPort() > 0 ? node.slMlPort() : freePort());
        p.put("dataDir", dirs.slData(name).toAbsolutePath().toString());
        Map<String, String> env = EnvVars.merge(profile.envvars(), node.slEnvvars());
        copy(env, "SL_LOG_LEVEL", p, "logLevel");
        copy(env, "SL_MAKE_ME_ADMIN", p, "makeMeAdmin");
        copy(env, "SL_WAIT_FOR_FULL_QUORUM_SECONDS", p, "fullQuorumWaitSeconds");
        copy(env, "SL_LEADER_FAILURE_BASE_TIMEOUT", p, "leaderTimeoutSeconds");
        return p;
    }

    private static void copy(Map<String, String> env, String variable, Map<String, Object> p, String key) {
        String value = env.get(variable);
        if (value != null && !value.isBlank())
            p.put(key, value.trim());
    }

    /**
     * A mount source: a BIND path (relative to the profile's directory), or a VOLUME, which in process mode is the
     * content a MAKE_SWARM_USER_CONTENT task built under that outcome name (its per-node copy for SWARMCONTENT).
     */
    public Path source(String src, MountType type, int idx) {
        if (type == MountType.VOLUME) {
            Path content = dirs.content(src);
            return Files.exists(content.resolve(UserContent.PER_NODE_MARKER)) ? content.resolve(String.valueOf(idx))
                    : content;
        }
        Path path = Path.of(src);
        return path.isAbsolute() ? path : profileDir.resolve(path).normalize();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for an SL", e);
        }
    }
}
