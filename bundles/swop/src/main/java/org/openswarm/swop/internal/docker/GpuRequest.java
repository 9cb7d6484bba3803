package org.openswarm.swop.internal.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The profile's NVIDIA option {@code gpus}, parsed as the Docker CLI's {@code --gpus} value and sent to the engine as
 * one HostConfig.DeviceRequests entry (what {@code docker run --gpus} sends): {@code "all"} is Count -1,
 * {@code "2"} is Count 2, {@code "device=3,5"} is DeviceIDs [3, 5]; {@code count=}, {@code driver=} and
 * {@code capabilities=} may also be given comma-separated. Driver defaults to nvidia, capabilities to [[gpu]].
 *
 * @param count     number of GPUs, -1 for all; null when deviceIds are given
 * @param deviceIds GPU indexes or UUIDs; empty when count is given
 */
public record GpuRequest(String driver, Integer count, List<String> deviceIds, List<String> capabilities) {

    public GpuRequest {
        deviceIds = List.copyOf(deviceIds);
        capabilities = List.copyOf(capabilities);
        if ((count == null) == deviceIds.isEmpty()) {
            throw new IllegalArgumentException("gpus: give either a count (all, N) or device=<ids>, not both or none");
        }
    }

    public static GpuRequest parse(Object value) {
        if (value instanceof Number n) {
            return count(n.intValue(), value);
        }
        if (!(value instanceof String raw) || raw.isBlank()) {
            throw new IllegalArgumentException("gpus must be \"all\", a count or \"device=<ids>\", got '" + value + "'");
        }
        // The CLI wants '"device=1,2"' with inner quotes to keep the comma list together; accept both spellings.
        String s = raw.trim().replace("\"", "").replace("'", "");
        String driver = "nvidia";
        Integer count = null;
        List<String> ids = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        String current = null;   // the key whose comma list is being read (device or capabilities)
        for (String token : s.split(",")) {
            String t = token.trim();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                if ("device".equals(current)) {
                    ids.add(t);
                } else if ("capabilities".equals(current)) {
                    caps.add(t);
                } else if ("all".equalsIgnoreCase(t)) {
                    count = -1;
                } else {
                    count = parseCount(t, value);
                }
                continue;
            }
            String key = t.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = t.substring(eq + 1).trim();
            switch (key) {
                case "device" -> { current = key; ids.add(v); }
                case "capabilities" -> { current = key; caps.add(v); }
                case "count" -> { current = null; count = "all".equalsIgnoreCase(v) ? -1 : parseCount(v, value); }
                case "driver" -> { current = null; driver = v; }
                default -> throw new IllegalArgumentException("gpus: unknown option '" + key
                        + "' (known: all, <count>, device=, count=, driver=, capabilities=) in '" + value + "'");
            }
        }
        if (caps.isEmpty()) {
            caps.add("gpu");
        }
        return new GpuRequest(driver, count, ids, caps);
    }

    private static GpuRequest count(int n, Object value) {
        if (n < 1 && n != -1) {
            throw new IllegalArgumentException("gpus count must be >= 1 (or all), got '" + value + "'");
        }
        return new GpuRequest("nvidia", n, List.of(), List.of("gpu"));
    }

    private static int parseCount(String t, Object value) {
        try {
            int n = Integer.parseInt(t);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gpus must be \"all\", a count >= 1 or \"device=<ids>\", got '"
                    + value + "'");
        }
    }
}
