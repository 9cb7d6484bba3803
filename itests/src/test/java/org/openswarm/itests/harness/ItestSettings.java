package org.openswarm.itests.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Settings the build passes to the harness as system properties (see itests/pom.xml). */
final class ItestSettings {
    private ItestSettings() {
    }

    static Path distribution() {
        String path = System.getProperty("openswarm.distribution");
        if (path == null || path.isBlank() || !Files.isRegularFile(Path.of(path)))
            throw new IllegalStateException("System property openswarm.distribution must name the built "
                    + "openswarm-<version>.tar.gz (run the tests through Maven: mvn verify)");
        return Path.of(path);
    }

    static Path instancesDir() {
        return Path.of(System.getProperty("openswarm.itest.instances", "target/instances")).toAbsolutePath();
    }

    private static boolean earlierRunsRemoved;

    /**
     * Deletes the instance directories that earlier test runs left (about 40 MB each); this run's stay for a look
     * after a failure, until the next run or {@code mvn clean}.
     */
    static synchronized void removeEarlierRuns() {
        if (earlierRunsRemoved)
            return;
        earlierRunsRemoved = true;
        Path dir = instancesDir();
        if (!Files.isDirectory(dir))
            return;
        try (var stream = Files.walk(dir)) {
            stream.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot clean " + dir, e);
        }
    }

    static Duration bootTimeout() {
        return Duration.ofSeconds(Long.getLong("openswarm.itest.bootTimeout", 120));
    }

    static Duration stopTimeout() {
        return Duration.ofSeconds(Long.getLong("openswarm.itest.stopTimeout", 30));
    }
}
