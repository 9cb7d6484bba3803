package org.openswarm.swci.internal.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a script (an init script, {@code bin/swci --init-script}) through a {@link SwciSession}: each command line is
 * echoed after the prompt ({@code SWCI:<n> > line}), comments are echoed as they are, and each command's answer
 * follows. With EXIT ON FAILURE on, the first failing command ends the script; {@code EXIT} ends it too.
 */
public final class ScriptRunner {

    /**
     * What a script did.
     *
     * @param lines    everything it printed
     * @param failures how many commands failed
     * @param exited   whether it ended with EXIT or by EXIT ON FAILURE (so a front end does not go interactive)
     * @param stoppedAtLine the 1-based line whose failure ended the script under EXIT ON FAILURE, 0 when none
     */
    public record Outcome(List<String> lines, int failures, boolean exited, int stoppedAtLine) {
        public Outcome {
            lines = List.copyOf(lines);
        }

        /** No command failed. */
        public boolean success() {
            return failures == 0;
        }
    }

    private final SwciSession session;
    private final Consumer<String> echo;

    /** @param echo gets each output line as it comes (a console); may be null */
    public ScriptRunner(SwciSession session, Consumer<String> echo) {
        this.session = Objects.requireNonNull(session, "session");
        this.echo = echo == null ? line -> { } : echo;
    }

    public ScriptRunner(SwciSession session) {
        this(session, null);
    }

    public Outcome run(Path script) throws IOException {
        return run(Files.readAllLines(script, StandardCharsets.UTF_8));
    }

    public Outcome run(List<String> script) {
        List<String> out = new ArrayList<>();
        int failures = 0;
        int number = 0;
        for (String line : script) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.startsWith("#")) {
                emit(out, session.prompt() + " " + trimmed);
            }
            SwciSession.Result result = session.execute(line);
            result.lines().forEach(l -> emit(out, l));
            if (result.exit()) {
                return new Outcome(out, failures, true, 0);
            }
            if (!result.success()) {
                failures++;
                if (session.exitOnFailure()) {
                    emit(out, "EXIT ON FAILURE: stopping at line " + number);
                    return new Outcome(out, failures, true, number);
                }
            }
        }
        return new Outcome(out, failures, false, 0);
    }

    private void emit(List<String> out, String line) {
        out.add(line);
        echo.accept(line);
    }
}
