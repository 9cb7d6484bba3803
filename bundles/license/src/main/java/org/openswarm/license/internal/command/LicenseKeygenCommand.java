package org.openswarm.license.internal.command;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.api.SwarmException;
import org.openswarm.license.internal.LicenseSigning;

/** Makes an Ed25519 key pair for issuing licenses to one's own fleet. Needs no license server. */
@Command(scope = "swarm", name = "license-keygen", description = "Creates a license signing key pair: <name>.key "
        + "(private, mode 600) and <name>.pub (copy it into the license server's trusted keys directory)")
@Service
public class LicenseKeygenCommand implements Action {
    @Argument(index = 0, name = "dir", required = true, description = "Directory to write the key files into")
    String dir;

    @Argument(index = 1, name = "name", required = false, description = "Base name of the key files (default: "
            + "license-signing)")
    String name = "license-signing";

    @Override
    public Object execute() {
        Path target = Path.of(dir).toAbsolutePath().normalize();
        try {
            String keyId = LicenseSigning.writeKeyPair(LicenseSigning.generateKeyPair(), target, name);
            System.out.println("Key id     : " + keyId);
            System.out.println("Private key: " + target.resolve(name + LicenseSigning.PRIVATE_SUFFIX)
                    + " (keep it secret; swarm:license-issue --key signs with it)");
            System.out.println("Public key : " + target.resolve(name + LicenseSigning.PUBLIC_SUFFIX)
                    + " (copy into the license server's trusted keys directory, etc/license-keys by default)");
        } catch (SwarmException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }
}
