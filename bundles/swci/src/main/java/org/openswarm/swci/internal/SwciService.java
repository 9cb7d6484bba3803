package org.openswarm.swci.internal;

import java.util.Optional;

import org.openswarm.swci.internal.exec.SwciSession;

/** The running SWCI as its shell commands see it: the one session that the shell and the web API share. */
public interface SwciService {
    /** The SWCI's session (reference: one per SWCI); its methods are synchronized, so commands run one at a time. */
    SwciSession session();

    /** Where the web API answers, e.g. {@code http://127.0.0.1:30306/}; empty when it is off or could not bind. */
    Optional<String> webApi();

    /** One line on the SWCI license token: held, retrying, or no license client. */
    String licenseStatus();
}
