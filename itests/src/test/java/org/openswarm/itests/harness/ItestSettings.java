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

    static Duration bootTimeout() {
        return Duration.ofSeconds(Long.getLong("openswarm.itest.bootTimeout", 120));
    }

    static Duration stopTimeout() {
        return Duration.ofSeconds(Long.getLong("openswarm.itest.stopTimeout", 30));
    }
}
