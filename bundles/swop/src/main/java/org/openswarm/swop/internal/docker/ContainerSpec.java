package org.openswarm.swop.internal.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the docker resource manager tells the engine about one container (one SL or one ML of a pair). It is
 * plain data: {@link ContainerRequestMapper} turns it into the Engine API's {@code POST /containers/create} body.
 *
 * @param name        container name (Docker's charset), unique per SWOP, task and node
 * @param networkMode a network name (the profile's {@code network}) or {@code container:<name>} to share a network
 *                    namespace
 * @param ipv4Address static address on that network ({@code slnetworkopts: [ip: ...]}), or null
 * @param hostname    container hostname ({@code slhostname}), or null; not allowed with {@code container:} mode
 * @param env         {@code KEY=value} lines in the order given (see {@link EnvMerge})
 * @param entrypoint  executable and its leading arguments, or empty for the image's
 * @param command     arguments, or empty for the image's
 * @param user        {@code uid[:gid]}, or null for the image's user
 * @param labels      container labels; {@link TaskLabels} puts the SWOP's own here so RESET finds its containers
 */
public record ContainerSpec(String name, String image, String networkMode, String ipv4Address, String hostname,
                            List<String> aliases, List<String> env, List<MountSpec> mounts,
                            List<PublishedPort> ports, List<String> entrypoint, List<String> command,
                            String workingDir, String user, Map<String, String> labels, List<String> dns,
                            UserContainerOptions options) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public ContainerSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("container name must match [a-zA-Z0-9][a-zA-Z0-9_.-]*, got '" + name
                    + "'");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("container " + name + ": no image");
        }
        Objects.requireNonNull(networkMode, "networkMode");
        if (networkMode.startsWith("container:") && (hostname != null || ipv4Address != null || !ports.isEmpty())) {
            throw new IllegalArgumentException("container " + name + ": hostname, ip and published ports belong to "
                    + "the container whose network it shares (" + networkMode + ")");
        }
        if (workingDir != null && !workingDir.startsWith("/")) {
            throw new IllegalArgumentException("container " + name + ": WorkingDir must be absolute, got '"
                    + workingDir + "'");
        }
        aliases = List.copyOf(aliases);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        ports = List.copyOf(ports);
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
        dns = List.copyOf(dns);
        options = options == null ? UserContainerOptions.NONE : options;
    }
}
