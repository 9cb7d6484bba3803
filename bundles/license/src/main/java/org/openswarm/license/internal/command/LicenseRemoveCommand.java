package org.openswarm.license.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.license.internal.LicenseAdmin;

/** Removes an installed license; tokens already out stay out until released or expired. */
@Command(scope = "swarm", name = "license-remove", description = "Removes an installed license (not the community one)")
@Service
public class LicenseRemoveCommand extends LicenseCommandSupport {
    @Argument(index = 0, name = "id", required = true, description = "The license id (see swarm:license-list)")
    String id;

    @Override
    protected Object doExecute(LicenseAdmin admin) {
        admin.remove(id);
        System.out.println("License " + id + " removed; tokens already out stay out until released or expired");
        return null;
    }
}
