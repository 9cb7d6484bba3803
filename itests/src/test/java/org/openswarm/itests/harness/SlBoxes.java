package org.openswarm.itests.harness;

import java.nio.file.Files;
import java.util.Map;

/**
 * Boxes that run only SLs (feature openswarm-sl, no SN, no license server), each SL pointed at a sentinel's SN and
 * license server, with free ports for its file server and ML API.
 */
public final class SlBoxes {
    public static final String SL_PID = "org.openswarm.sl";

    private SlBoxes() {
    }

    /**
     * The file name (without {@code .cfg}) of the SL named {@code name}: {@code etc/org.openswarm.sl-<name>.cfg}, which
     * Karaf's file install turns into the named factory configuration {@code org.openswarm.sl~<name>}.
     */
    public static String pid(String name) {
        return SL_PID + "-" + name;
    }

    /** A box with one SL named {@code name}; {@code settings} go into the SL's configuration. */
    public static KarafInstance.Builder box(String name, KarafInstance sentinel, Map<String, String> settings) {
        KarafInstance.Builder builder = KarafInstance.builder(name)
                .withoutBootFeatures("openswarm-sn", "openswarm-license")
                .config("org.openswarm.license.client", "port",
                        String.valueOf(sentinel.port(KarafInstance.LICENSE)));
        addSl(builder, name, sentinel, settings);
        return builder.readyWhen(box -> Files.exists(box.home().resolve("data/openswarm/sl/" + name + "/ml.env")));
    }

    /** Adds an SL named {@code name} to a box (an SL may also share the sentinel's box). */
    public static KarafInstance.Builder addSl(KarafInstance.Builder builder, String name, KarafInstance sentinel,
            Map<String, String> settings) {
        String pid = pid(name);
        builder.config(pid, "name", name)
                .config(pid, "snHost", "127.0.0.1")
                .config(pid, "snPort", String.valueOf(sentinel.port(KarafInstance.SN_API)))
                .config(pid, "joinToken", sentinel.joinToken())
                .config(pid, "fileServerBindHost", "127.0.0.1")
                .freePort("files-" + name, pid, "fileServerPort")
                .freePort("ml-" + name, pid, "mlPort");
        settings.forEach((key, value) -> builder.config(pid, key, value));
        return builder;
    }
}
