package org.openswarm.license.internal;

import java.nio.file.Path;
import java.util.List;

import org.openswarm.api.license.LicenseInfo;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.api.license.Token;
import org.openswarm.api.license.Usage;

/** The local license server as the swarm:license-* shell commands use it (private to this bundle). */
public interface LicenseAdmin {
    /** The built-in community license first, then the installed ones. */
    List<LicenseInfo> licenses();

    /** Verifies and installs a license; the same license again is a no-op. */
    LicenseInfo install(SignedLicense license);

    /** Removes an installed license; tokens already out stay out. */
    void remove(String id);

    /** Tokens out and capacity per feature. */
    List<Usage> usage();

    /** The tokens out now. */
    List<Token> tokens();

    /** The bound port, or -1 while the server is not serving. */
    int port();

    /** The directory of trusted public keys. */
    Path trustedKeysDir();

    /** The file holding the admin token that the REST admin routes need. */
    Path adminTokenFile();
}
