package org.openswarm.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An ML program as an OS process of its own (a JVM running a training main class on the itests' ML classpath: the
 * Java client, Gson and the examples), paired with an SL through {@code SWARM_SL_URL} and {@code SWARM_SL_TOKEN}
 * from the SL's {@code ml.env}. Its output goes to a log file.
 */
public final class MlProgram implements AutoCloseable {
    private final String name;
    private final Path log;
    private final Process process;

    private MlProgram(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** The classpath ML programs run with (system property {@code openswarm.itest.mlClasspath}). */
    public static String classpath() {
        String classpath = System.getProperty("openswarm.itest.mlClasspath");
        if (classpath == null || classpath.isBlank())
            throw new IllegalStateException("System property openswarm.itest.mlClasspath is not set (itests/pom.xml)");
        return classpath;
    }

    /** Reads an SL's {@code ml.env} (KEY=value lines). */
    public static Map<String, String> slEnv(KarafInstance box, String slName) {
        Path file = box.home().resolve("data/openswarm/sl/" + slName + "/ml.env");
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0)
                    env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("No ml.env for SL " + slName + " in " + box.home(), e);
        }
        return env;
    }

    /**
     * The Python interpreter of Python ML programs (system property {@code openswarm.itest.python}: the venv that
     * clients/python's build made, with the Python client installed and Debian's numpy and torch visible).
     */
    public static Path python() {
        String python = System.getProperty("openswarm.itest.python");
        if (python == null || python.isBlank())
            throw new IllegalStateException("System property openswarm.itest.python is not set (itests/pom.xml)");
        Path path = Path.of(python);
        if (!Files.isExecutable(path))
            throw new IllegalStateException("No Python at " + path + ": build clients/python first");
        return path;
    }

    public static MlProgram start(String name, Path dir, Map<String, String> env, String mainClass,
            List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", classpath(), mainClass));
        command.addAll(args);
        return startCommand(name, dir, env, command, false);
    }

    /**
     * Starts any program ({@code command}: the executable and its arguments) as an ML program; {@code cleanSwarmEnv}
     * drops the {@code SWARM_*} variables this JVM inherited, so only {@code env} pairs it with an SL (or not).
     */
    public static MlProgram startCommand(String name, Path dir, Map<String, String> env, List<String> command,
            boolean cleanSwarmEnv) {
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (cleanSwarmEnv)
                builder.environment().keySet().removeIf(key -> key.startsWith("SWARM_"));
            builder.environment().putAll(env);
            return new MlProgram(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start ML program " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit; returns the exit code, or throws when it runs past the timeout. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                throw new AssertionError("ML program " + name + " still runs after " + timeout.toSeconds()
                        + " s\n--- its log (tail) ---\n" + tail(40));
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String tail(int lines) {
        String[] all = output().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive())
            kill();
    }
}
