package org.openswarm.sl.internal;

import java.util.Map;

/** A running SL as the shell commands see it (a service inside this bundle only). */
public interface SlInstance {
    String name();

    String uid();

    /** {@code SWARM_SL_URL} for ML programs. */
    String mlUrl();

    /** {@code SWARM_SL_TOKEN} for ML programs. */
    String mlToken();

    /** Registration, ports, license and the current session's state. */
    Map<String, Object> status();
}
