package org.openswarm.license.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.openswarm.api.SwarmException;
import org.openswarm.license.internal.LicenseAdmin;

/** Base of the swarm:license-* commands that act on the local license server. */
abstract class LicenseCommandSupport implements Action {
    @Reference(optional = true)
    LicenseAdmin server;

    @Override
    public final Object execute() throws Exception {
        if (server == null) {
            System.err.println("No license server runs in this container: feature:install openswarm-license");
            return null;
        }
        try {
            return doExecute(server);
        } catch (SwarmException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    protected abstract Object doExecute(LicenseAdmin admin) throws Exception;
}
