package org.openswarm.swop.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.swop.internal.SwopComponent;

/** The SWOP as it stands: its uid, what it listens on, what stops it, and the task it runs. */
@Command(scope = "swarm", name = "swop", description = "Shows this box's SWOP: uid, profile, taskrunner, problem, task")
@Service
public class SwopStatusCommand implements Action {
    @Reference(optional = true)
    SwopComponent swop;

    @Override
    public Object execute() {
        if (swop == null) {
            System.out.println("No SWOP configured (etc/org.openswarm.swop.cfg)");
            return null;
        }
        String problem = swop.problem();
        String task = swop.currentTask();
        System.out.println("NODE UID : " + swop.uid());
        System.out.println("SWOP     : " + swop.summary());
        System.out.println("STATE    : " + (problem == null ? "Ready for Task Execution" : problem));
        System.out.println("TASK     : " + (task == null ? "-" : task));
        return null;
    }
}
