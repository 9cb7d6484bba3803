package org.openswarm.swop.internal.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile's {@code usrcontaineropts} (reference §4.2): Docker run options for the ML container, chiefly GPUs.
 * NVIDIA: {@code gpus}. AMD: {@code device}, {@code ipc}, {@code shm-size}, {@code group-add}, {@code cap-add},
 * {@code security-opt}, {@code privileged}. Any other key is refused with the list of known keys, so a typo never
 * silently starts a container without its GPU.
 *
 * @param gpus        NVIDIA device request, or null
 * @param devices     {@code /dev/kfd}, {@code /dev/dri}, or {@code host:container[:perms]}
 * @param ipc         IPC mode, e.g. host; or null
 * @param shmSize     /dev/shm size in bytes; or null
 */
public record UserContainerOptions(GpuRequest gpus, List<DeviceMapping> devices, String ipc, Long shmSize,
                                   List<String> groupAdd, List<String> capAdd, List<String> securityOpt,
                                   Boolean privileged) {

    public static final List<String> KNOWN_KEYS = List.of(
            "gpus", "device", "ipc", "shm-size", "group-add", "cap-add", "security-opt", "privileged");

    public static final UserContainerOptions NONE =
            new UserContainerOptions(null, List.of(), null, null, List.of(), List.of(), List.of(), null);

    /** One {@code --device}: host path, path in the container, cgroup permissions (default rwm). */
    public record DeviceMapping(String pathOnHost, String pathInContainer, String permissions) {
        static DeviceMapping parse(String spec) {
            String[] p = spec.trim().split(":");
            if (p.length > 3 || p[0].isEmpty() || !p[0].startsWith("/")) {
                throw new IllegalArgumentException("device must be /dev/<x>[:/dev/<y>[:rwm]], got '" + spec + "'");
            }
            String inContainer = p.length > 1 ? p[1] : p[0];
            String perms = p.length > 2 ? p[2] : "rwm";
            if (!perms.matches("[rwm]{1,3}")) {
                throw new IllegalArgumentException("device permissions must be made of r, w, m; got '" + spec + "'");
            }
            return new DeviceMapping(p[0], inContainer, perms);
        }
    }

    public UserContainerOptions {
        devices = List.copyOf(devices);
        groupAdd = List.copyOf(groupAdd);
        capAdd = List.copyOf(capAdd);
        securityOpt = List.copyOf(securityOpt);
    }

    /**
     * From the reference's YAML shape: a list of single-key maps ({@code [gpus: "all"]}, {@code [device: [...]},
     * {group-add: [video]}, {privileged: True}]}); null or empty means no options.
     */
    public static UserContainerOptions fromList(List<? extends Map<String, ?>> entries) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (entries != null) {
            for (Map<String, ?> entry : entries) {
                for (Map.Entry<String, ?> e : entry.entrySet()) {
                    if (flat.put(e.getKey(), e.getValue()) != null) {
                        throw new IllegalArgumentException("usrcontaineropts: '" + e.getKey() + "' is given twice");
                    }
                }
            }
        }
        return fromMap(flat);
    }

    public static UserContainerOptions fromMap(Map<String, ?> options) {
        if (options == null || options.isEmpty()) {
            return NONE;
        }
        GpuRequest gpus = null;
        List<DeviceMapping> devices = new ArrayList<>();
        String ipc = null;
        Long shm = null;
        List<String> groupAdd = List.of();
        List<String> capAdd = List.of();
        List<String> securityOpt = List.of();
        Boolean privileged = null;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().trim().toLowerCase(Locale.ROOT);
            Object v = e.getValue();
            switch (key) {
                case "gpus" -> gpus = GpuRequest.parse(v);
                case "device" -> strings(key, v).forEach(d -> devices.add(DeviceMapping.parse(d)));
                case "ipc" -> ipc = single(key, v);
                case "shm-size" -> shm = byteSize(v);
                case "group-add" -> groupAdd = strings(key, v);
                case "cap-add" -> capAdd = strings(key, v).stream().map(UserContainerOptions::capability).toList();
                case "security-opt" -> securityOpt = strings(key, v);
                case "privileged" -> privileged = bool(key, v);
                default -> throw new IllegalArgumentException("usrcontaineropts: unknown option '" + e.getKey()
                        + "' (known: " + String.join(", ", KNOWN_KEYS) + ")");
            }
        }
        return new UserContainerOptions(gpus, devices, ipc, shm, groupAdd, capAdd, securityOpt, privileged);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([bkmgt]?)b?", Pattern.CASE_INSENSITIVE);

    /** Docker's size syntax (binary units): 16G = 16 * 1024^3 bytes; a bare number is bytes. */
    static long byteSize(Object v) {
        if (v instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        Matcher m = SIZE.matcher(String.valueOf(v).trim());
        if (!m.matches() || Long.parseLong(m.group(1)) <= 0) {
            throw new IllegalArgumentException("shm-size must be a size like 16G, 512m or 1048576, got '" + v + "'");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
    }

    private static String capability(String c) {
        // The CLI accepts SYS_PTRACE and CAP_SYS_PTRACE; the engine's list holds the bare form.
        String upper = c.trim().toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    private static List<String> strings(String key, Object v) {
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(single(key, o));
            }
            return out;
        }
        return List.of(single(key, v));
    }

    private static String single(String key, Object v) {
        if (v == null || v instanceof Map || v instanceof List || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException("usrcontaineropts: '" + key + "' needs a value, got '" + v + "'");
        }
        return String.valueOf(v).trim();
    }

    private static Boolean bool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if ("true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s)) {
            return Boolean.valueOf(s.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("usrcontaineropts: '" + key + "' must be true or false, got '" + v + "'");
    }
}
