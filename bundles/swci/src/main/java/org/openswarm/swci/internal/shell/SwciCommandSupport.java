package org.openswarm.swci.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.swci.internal.SwciService;
import org.openswarm.swci.internal.exec.SwciSession;

/** What the swarm:* SWCI commands share: the SWCI's one session, and how a table or a failed command is shown. */
abstract class SwciCommandSupport implements Action {
    @Reference
    SwciService swci;

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    SwciSession session() {
        return swci.session();
    }

    void print(ShellTable table) {
        table.print(System.out, !noFormat);
    }

    /** Runs one SWCI command line in the session and prints its answer; a failure ends the shell command with it. */
    Object run(String command) {
        SwciSession.Result result = session().execute(command);
        List<String> lines = result.lines();
        if (!result.success())
            throw new IllegalStateException(String.join(System.lineSeparator(), lines));
        lines.forEach(System.out::println);
        return null;
    }
}
