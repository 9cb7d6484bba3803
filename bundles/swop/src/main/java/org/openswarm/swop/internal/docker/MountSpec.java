package org.openswarm.swop.internal.docker;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One mount of a container: the profile's identity attributes, {@code privatedata} and the task's
 * {@code SharedContent} entries all become one of these ({@code mType} BIND or VOLUME).
 *
 * @param type     BIND (a host path) or VOLUME (a named Docker volume)
 * @param source   absolute host path for BIND, volume name for VOLUME
 * @param target   absolute path inside the container
 * @param readOnly mount read-only (identity material)
 */
public record MountSpec(Type type, String source, String target, boolean readOnly) {

    public enum Type { BIND, VOLUME }

    // Docker's own rule for volume names; a BIND source that is not absolute would silently become a volume.
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    public MountSpec {
        Objects.requireNonNull(type, "mount type");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("mount source is empty (target " + target + ")");
        }
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("mount target must be an absolute path inside the container, got '"
                    + target + "'");
        }
        if (type == Type.BIND && !source.startsWith("/")) {
            throw new IllegalArgumentException("BIND source must be an absolute host path, got '" + source + "'");
        }
        if (type == Type.VOLUME && !VOLUME_NAME.matcher(source).matches()) {
            throw new IllegalArgumentException("VOLUME source must be a Docker volume name, got '" + source + "'");
        }
        if (source.contains(":") || target.contains(":")) {
            throw new IllegalArgumentException("mount paths must not contain ':' (" + source + " -> " + target + ")");
        }
    }

    public static MountSpec of(String mType, String source, String target, boolean readOnly) {
        Type t;
        try {
            t = Type.valueOf(mType == null ? "" : mType.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mType must be BIND or VOLUME, got '" + mType + "'");
        }
        return new MountSpec(t, source, target, readOnly);
    }

    /** The Engine API's HostConfig.Binds form: {@code source:target[:ro]} (a name as source means a volume). */
    public String bindString() {
        return source + ":" + target + (readOnly ? ":ro" : "");
    }
}
