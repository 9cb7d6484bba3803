package org.openswarm.swci.internal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.openswarm.swci.internal.exec.ScriptRunner;
import org.openswarm.swci.internal.exec.SwciSession;

/**
 * {@code bin/swci}: the SWCI for operators' scripts without a running Karaf. Runs the init script, then commands
 * from standard input with the prompt {@code SWCI:<n> >}, until EXIT or end of input. Exit status: 0, or 1 when a
 * command failed while EXIT ON FAILURE was on, or 2 for bad flags. The distribution's directory comes from the
 * system property {@code openswarm.home} (the launcher sets it), else the working directory.
 */
public final class SwciMain {
    private SwciMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out, System.err));
    }

    static int run(String[] args, BufferedReader in, PrintStream out, PrintStream err) {
        Path home = Path.of(System.getProperty("openswarm.home", ".")).toAbsolutePath().normalize();
        SwciArgs options;
        try {
            options = SwciArgs.parse(home, args);
        } catch (IllegalArgumentException | IOException e) {
            err.println("swci: " + e.getMessage());
            err.println(SwciArgs.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(SwciArgs.USAGE);
            return 0;
        }
        SwciSession session = session(options);
        if (options.initScript() != null) {
            ScriptRunner.Outcome outcome;
            try {
                outcome = new ScriptRunner(session, out::println).run(options.initScript());
            } catch (IOException e) {
                err.println("swci: cannot read " + options.initScript() + ": " + e.getMessage());
                return 2;
            }
            if (outcome.stoppedAtLine() > 0)
                return 1;
            if (outcome.exited())
                return 0;
        }
        return repl(session, in, out);
    }

    private static SwciSession session(SwciArgs options) {
        Path data = options.home().resolve("data").resolve("openswarm");
        Path state = options.stateDir() != null ? options.stateDir() : data.resolve("swci-cli");
        Path tokenFile = data.resolve("sn").resolve("join-token");
        Supplier<String> token = options.joinToken() != null ? options::joinToken : () -> read(tokenFile);
        String host = options.snHost().contains(":") ? "[" + options.snHost() + "]" : options.snHost();
        return SwciSession.withTokenSource(state, Path.of("").toAbsolutePath(), token)
                .defaultSn(URI.create("http://" + host + ":" + options.snPort() + "/"));
    }

    private static int repl(SwciSession session, BufferedReader in, PrintStream out) {
        while (true) {
            out.print(session.prompt() + " ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                out.println();
                return 0;
            }
            SwciSession.Result result = session.execute(line);
            result.lines().forEach(out::println);
            if (result.exit())
                return 0;
            if (!result.success() && session.exitOnFailure())
                return 1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
