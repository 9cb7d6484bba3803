package org.openswarm.sn.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.openswarm.api.SwarmException;
import org.openswarm.api.sn.SwarmNetworkNode;

/** Base of the swarm:* commands that talk to the local SN: one place for the reference and its errors. */
abstract class SnCommandSupport implements Action {
    @Reference(optional = true)
    SwarmNetworkNode sn;

    @Override
    public final Object execute() throws Exception {
        if (sn == null) {
            System.err.println("No SN runs in this container: feature:install openswarm-sn");
            return null;
        }
        try {
            return doExecute(sn);
        } catch (SwarmException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    protected abstract Object doExecute(SwarmNetworkNode node) throws Exception;
}
