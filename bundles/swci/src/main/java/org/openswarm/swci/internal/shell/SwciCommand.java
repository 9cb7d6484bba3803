package org.openswarm.swci.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.openswarm.swci.internal.exec.ScriptRunner;
import org.openswarm.swci.internal.exec.SwciSession;

/**
 * The SWCI command language in the Karaf shell: a script file through {@link ScriptRunner}, or, without one, a REPL
 * with the reference prompt {@code SWCI:<n> >} until EXIT (or end of input).
 */
@Command(scope = "swarm", name = "swci", description = "Runs a SWCI script, or the interactive SWCI (prompt "
        + "SWCI:<n> >, EXIT to leave); HELP lists the commands")
@Service
public class SwciCommand extends SwciCommandSupport {
    @Argument(index = 0, name = "script", required = false, description = "A SWCI script file (one command a line, "
            + "# comments); without it, the interactive SWCI")
    @Completion(FileCompleter.class)
    String script;

    @Reference
    Session console;

    @Override
    public Object execute() throws IOException {
        if (script != null)
            return runScript(Path.of(script).toAbsolutePath().normalize());
        repl();
        return null;
    }

    private Object runScript(Path file) throws IOException {
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("No such script: " + file);
        ScriptRunner.Outcome outcome = new ScriptRunner(session(), System.out::println).run(file);
        if (outcome.stoppedAtLine() > 0)
            throw new IllegalStateException("The script stopped at line " + outcome.stoppedAtLine()
                    + " (EXIT ON FAILURE is on)");
        if (outcome.failures() > 0)
            System.out.println(outcome.failures() + " command(s) failed");
        return null;
    }

    private void repl() {
        SwciSession session = session();
        System.out.println("SWCI: HELP lists the commands, EXIT leaves. Web API: "
                + swci.webApi().orElse("off") + "; license: " + swci.licenseStatus());
        while (true) {
            String line;
            try {
                line = console.readLine(session.prompt() + " ", null);
            } catch (IOException | RuntimeException e) {
                return; // Ctrl-D / Ctrl-C or a closed console ends the REPL as EXIT does
            }
            if (line == null)
                return;
            SwciSession.Result result = session.execute(line);
            result.lines().forEach(System.out::println);
            if (result.exit())
                return;
        }
    }
}
