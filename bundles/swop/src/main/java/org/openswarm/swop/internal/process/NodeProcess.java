package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One OS process the SWOP started (an ML program or a build step), its output appended to a log file. Stopping it
 * stops its descendants too: a shell or launcher must not leave the real program running.
 */
public final class NodeProcess {
    private final String label;
    private final Process process;
    private final Path log;

    private NodeProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code builder} (command, directory, environment set) with its output appended to {@code log}. */
    public static NodeProcess start(String label, ProcessBuilder builder, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "# " + java.time.Instant.now() + " " + label + ": " + String.join(" ",
                builder.command()) + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new NodeProcess(label, builder.start(), log);
    }

    public String label() {
        return label;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or null while it runs. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM to it and its descendants, then SIGKILL to whatever still runs after {@code grace}. */
    public void stop(Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add); // before it dies: orphans are no longer its descendants
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0)
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception timedOut) {
                // killed below
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ignored) {
                // nothing more to do
            }
        }
    }

    /** The log's last {@code n} non-empty lines (a failure's description quotes them). */
    public List<String> tail(int n) {
        try {
            List<String> lines = Arrays.stream(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    .split("\n")).filter(l -> !l.isBlank() && !l.startsWith("# ")).toList();
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        return label + " (pid " + pid() + ")";
    }
}
