package org.openswarm.swop.internal.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openswarm.swop.internal.process.SwopDirs;

/**
 * What the docker resource manager needs from the SWOP besides its profile.
 *
 * @param swop        this SWOP's name: container names and the labels RESET selects by
 * @param taskrunner  the taskrunner it listens on (a label as well)
 * @param slImage     the SL container image (SWOP configuration {@code slImage}; the reference runs its own release's
 *                    {@code hub.myenterpriselicense.hpe.com/hpe/swarm-learning/sl:2.3.0}). No OpenSwarm SL image is
 *                    built yet, so the default names one that does not exist
 * @param helperImage the image of the never-started helper container that fills content volumes; pulled when the
 *                    engine lacks it
 * @param snHost      the SN an SL uses when the profile's {@code apisrv} does not say
 * @param snPort      its port
 * @param user        {@code uid:gid} the ML containers run as (the SWOP's own user, as in the reference), or null
 * @param profileDir  relative BIND sources are relative to the profile's directory, as under PROCESS
 * @param dirs        the SWOP's data layout: logs, and content staged before it is written into a volume
 * @param stopGrace   how long a stopped container may take before it is killed
 */
public record DockerSettings(String swop, String taskrunner, String slImage, String helperImage, String snHost,
        int snPort, String user, Path profileDir, SwopDirs dirs, Duration stopGrace) {

    /** The default {@code slImage}: the name an OpenSwarm SL image would have; none is published. */
    public static final String DEFAULT_SL_IMAGE = "openswarm/sl:0.1.0";
    public static final String DEFAULT_HELPER_IMAGE = "busybox:1.36";

    /** This JVM's {@code uid:gid} (the reference runs the ML as the SWOP user), or null where it cannot be read. */
    public static String currentUser() {
        try {
            Path self = Path.of("/proc/self");
            return Files.getAttribute(self, "unix:uid") + ":" + Files.getAttribute(self, "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
