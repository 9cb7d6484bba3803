package org.openswarm.sl.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.sl.internal.SlInstance;

/**
 * What an ML program started by hand needs: {@code SWARM_SL_URL} and {@code SWARM_SL_TOKEN} of an SL, as
 * shell-sourceable lines.
 */
@Command(scope = "swarm", name = "sl-info", description = "Shows SWARM_SL_URL and SWARM_SL_TOKEN of an SL, for ML "
        + "programs started by hand")
@Service
public class SlInfoCommand implements Action {
    @Reference(optional = true)
    List<SlInstance> instances;

    @Argument(index = 0, name = "name", description = "The SL's name; may be left out when there is one SL",
            required = false)
    String name;

    @Override
    public Object execute() {
        SlInstance sl = SlInstances.pick(instances, name);
        System.out.println("SWARM_SL_URL=" + sl.mlUrl());
        System.out.println("SWARM_SL_TOKEN=" + sl.mlToken());
        return null;
    }
}
