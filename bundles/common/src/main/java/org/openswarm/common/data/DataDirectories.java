package org.openswarm.common.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.openswarm.api.SwarmException;

/**
 * Resolves a component's data directory. Inside Karaf the root is {@code ${karaf.data}/openswarm}; outside it (a plain
 * JVM, a unit test) the system property {@code openswarm.data} names the root, else {@code ./data/openswarm}.
 */
public final class DataDirectories {
    public static final String KARAF_DATA = "karaf.data";
    public static final String OPENSWARM_DATA = "openswarm.data";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private DataDirectories() {
    }

    /** The root that every component's directory sits under. */
    public static Path root() {
        String explicit = System.getProperty(OPENSWARM_DATA);
        if (explicit != null && !explicit.isBlank())
            return Path.of(explicit).toAbsolutePath().normalize();
        String karafData = System.getProperty(KARAF_DATA);
        Path base = karafData != null && !karafData.isBlank() ? Path.of(karafData) : Path.of("data");
        return base.resolve("openswarm").toAbsolutePath().normalize();
    }

    /** {@code <root>/<component>}, created if missing. */
    public static Path forComponent(String component) {
        return resolve("", component);
    }

    /**
     * The directory a component was configured with: an absolute path is taken as it is, a relative one sits under
     * {@link #root()}, and an empty one means {@code <root>/<component>}. The directory is created if missing.
     */
    public static Path resolve(String configured, String component) {
        if (component == null || !COMPONENT.matcher(component).matches())
            throw SwarmException.badRequest("Invalid component name for a data directory: '" + component + "'");
        Path dir = configured == null || configured.isBlank()
                ? root().resolve(component)
                : root().resolve(configured).normalize();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
