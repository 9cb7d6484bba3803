package org.openswarm.itests.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One OpenSwarm distribution unpacked into its own directory, with free ports written into {@code etc/*.cfg}, booted
 * with {@code bin/karaf server}, driven through HTTP and {@code bin/client}, and always stopped by {@link #close()}
 * (with a forced kill when {@code bin/stop} does not end it). Several instances run side by side without clashing.
 *
 * <pre>
 * try (KarafInstance sn = KarafInstance.builder("sentinel").build().start()) {
 *     Http.get(sn.snApiUrl("/is_up"));
 *     sn.shell("feature:list -i");
 * }
 * </pre>
 */
public final class KarafInstance implements AutoCloseable {
    public static final String SSH = "ssh";
    public static final String SN_API = "sn-api";
    public static final String CHAIN = "chain";
    public static final String LEDGER_RELAY = "ledger-relay";
    public static final String LICENSE = "license";
    public static final String SWCI_WEB = "swci-web";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Path home;
    private final Map<String, Integer> ports;
    private final Predicate<KarafInstance> readiness;
    private Process process;

    private KarafInstance(Builder builder, Path home, Map<String, Integer> ports) {
        this.name = builder.name;
        this.home = home;
        this.ports = ports;
        this.readiness = builder.readiness;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** How an instance is laid out and configured before it boots. */
    public static final class Builder {
        private record PortSetting(String name, String pid, String key) {
        }

        private record Setting(String pid, String key, String value) {
        }

        private final String name;
        private final List<PortSetting> portSettings = new ArrayList<>();
        private final List<PortSetting> portCopies = new ArrayList<>();
        private final List<Setting> settings = new ArrayList<>();
        private final List<String> withoutBoot = new ArrayList<>();
        private Predicate<KarafInstance> readiness = KarafInstance::snAnswers;

        private Builder(String name) {
            this.name = name;
            freePort(SSH, "org.apache.karaf.shell", "sshPort");
            freePort(SN_API, "org.openswarm.sn", "apiPort");
            freePort(CHAIN, "org.openswarm.ledger", "chainPort");
            freePort(LEDGER_RELAY, "org.openswarm.sn", "ledgerPort");
            freePort(LICENSE, "org.openswarm.license.server", "port");
            portTo(LICENSE, "org.openswarm.license.client", "port");
            freePort(SWCI_WEB, "org.openswarm.swci", "webPort");
            // The box's SWOP and SWCI talk to the box's own SN.
            portTo(SN_API, "org.openswarm.swop", "snPort");
            portTo(SN_API, "org.openswarm.swci", "snPort");
            config("org.openswarm.sn", "host", "127.0.0.1");
        }

        /** Allocates a free port, writes it as {@code key} into {@code etc/<pid>.cfg}, and names it for {@link #port}. */
        public Builder freePort(String portName, String pid, String key) {
            portSettings.add(new PortSetting(portName, pid, key));
            return this;
        }

        /** Also writes the free port named {@code portName} as {@code key} into {@code etc/<pid>.cfg}. */
        public Builder portTo(String portName, String pid, String key) {
            portCopies.add(new PortSetting(portName, pid, key));
            return this;
        }

        /** Writes {@code key = value} into {@code etc/<pid>.cfg} before boot. */
        public Builder config(String pid, String key, String value) {
            settings.add(new Setting(pid, key, value));
            return this;
        }

        /**
         * Leaves features out of {@code featuresBoot}, e.g. {@code openswarm-sn} for a box that runs only SLs (an
         * operator does the same in {@code etc/org.apache.karaf.features.cfg}).
         */
        public Builder withoutBootFeatures(String... features) {
            withoutBoot.addAll(List.of(features));
            return this;
        }

        /** What "booted" means for this instance; by default the SN API answers {@code /is_up}. */
        public Builder readyWhen(Predicate<KarafInstance> condition) {
            this.readiness = condition;
            return this;
        }

        /** Unpacks and configures the distribution without starting it. */
        public KarafInstance build() {
            ItestSettings.removeEarlierRuns();
            Path home = ItestSettings.instancesDir().resolve(name + "-" + ProcessHandle.current().pid() + "-"
                    + SEQUENCE.incrementAndGet());
            unpack(ItestSettings.distribution(), home);
            // One more for Karaf's shutdown socket: left random, it may take a port allocated here (SSH, say).
            int[] free = FreePorts.allocate(portSettings.size() + 1);
            appendProperty(home.resolve("etc/custom.properties"), "karaf.shutdown.port", free[free.length - 1]);
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (int i = 0; i < portSettings.size(); i++) {
                PortSetting port = portSettings.get(i);
                ports.put(port.name(), free[i]);
                CfgFile.set(home.resolve("etc").resolve(port.pid() + ".cfg"), port.key(), String.valueOf(free[i]));
            }
            for (PortSetting copy : portCopies) {
                Integer port = ports.get(copy.name());
                if (port == null)
                    throw new IllegalArgumentException("No free port named " + copy.name());
                CfgFile.set(home.resolve("etc").resolve(copy.pid() + ".cfg"), copy.key(), String.valueOf(port));
            }
            for (Setting setting : settings)
                CfgFile.set(home.resolve("etc").resolve(setting.pid() + ".cfg"), setting.key(), setting.value());
            if (!withoutBoot.isEmpty())
                CfgFile.removeListEntries(home.resolve("etc/org.apache.karaf.features.cfg"), "featuresBoot",
                        withoutBoot);
            return new KarafInstance(this, home, ports);
        }

        private static void appendProperty(Path file, String key, int value) {
            try {
                Files.writeString(file, "\n" + key + " = " + value + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot edit " + file, e);
            }
        }

        private static void unpack(Path archive, Path home) {
            try {
                Files.createDirectories(home);
                Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "--strip-components=1", "-C",
                        home.toString()).redirectErrorStream(true).start();
                String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (tar.waitFor() != 0)
                    throw new IllegalStateException("Unpacking " + archive + " failed: " + output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Boots {@code bin/karaf server} and waits until the instance is ready; returns {@code this}. */
    public KarafInstance start() {
        if (process != null && process.isAlive())
            throw new IllegalStateException(name + " is already running");
        try {
            process = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .directory(home.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + home.resolve("bin/karaf"), e);
        }
        boolean ready = Await.until(ItestSettings.bootTimeout(), () -> !process.isAlive() || isReady());
        if (!ready || !process.isAlive()) {
            String why = process.isAlive() ? "not ready after " + ItestSettings.bootTimeout().toSeconds() + "s"
                    : "exited with " + process.exitValue();
            close();
            throw new AssertionError("OpenSwarm instance " + name + " " + why + "\n--- karaf.log (tail) ---\n"
                    + logTail(60));
        }
        return this;
    }

    private boolean isReady() {
        return !FreePorts.isClosed(port(SSH)) && readiness.test(this);
    }

    private static boolean snAnswers(KarafInstance instance) {
        return Http.isOk(instance.snApiUrl("/is_up"));
    }

    public String name() {
        return name;
    }

    public Path home() {
        return home;
    }

    public int port(String portName) {
        Integer port = ports.get(portName);
        if (port == null)
            throw new IllegalArgumentException("No port named " + portName + " in " + ports.keySet());
        return port;
    }

    public String snApiUrl(String path) {
        return "http://127.0.0.1:" + port(SN_API) + path;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Sets a key in {@code etc/<pid>.cfg} of this instance; a running instance picks it up within a second or so. */
    public void setConfig(String pid, String key, String value) {
        CfgFile.set(home.resolve("etc").resolve(pid + ".cfg"), key, value);
    }

    /**
     * Runs a script of the distribution, e.g. {@code bin/openswarm status}, and returns its exit code and output.
     */
    public ShellResult run(Duration timeout, String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        line.set(0, home.resolve(command[0]).toString());
        try {
            Process script = new ProcessBuilder(line).directory(home.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            // Read on another thread: a launcher that backgrounds Karaf may leave the pipe open.
            var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(output unreadable: " + e + ")";
                }
            });
            if (!script.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                script.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
            }
            return new ShellResult(script.exitValue(), output.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(String.join(" ", command) + ": output not readable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sets a key in {@code etc/<pid>.cfg} and waits until {@code applied} holds. Karaf's fileinstall writes each
     * configuration update back into its file, and that write-back can land on top of an edit made right after the
     * previous one: the edit is made again while it has not taken effect.
     */
    public void reconfigure(String pid, String key, String value, Duration timeout, BooleanSupplier applied) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            setConfig(pid, key, value);
            if (Await.until(Duration.ofMillis(2500), applied))
                return;
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + pid + " " + key + " = "
                + value + " to take effect");
    }

    /** Runs console commands through {@code bin/client} in batch mode. */
    public ShellResult shell(String command) {
        try {
            Process client = new ProcessBuilder(home.resolve("bin/client").toString(), "-a",
                    String.valueOf(port(SSH)), "-r", "10", "-d", "1", "-b")
                    .directory(home.toFile()).redirectErrorStream(true).start();
            try (OutputStream in = client.getOutputStream()) {
                in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] output = client.getInputStream().readAllBytes();
            if (!client.waitFor(SHELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new AssertionError("Console command '" + command + "' did not finish in " + SHELL_TIMEOUT);
            }
            return new ShellResult(client.exitValue(), stripAnsi(new String(output, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String stripAnsi(String text) {
        return text.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
    }

    /** The whole of {@code data/log/karaf.log}, or an empty string before it exists. */
    public String log() {
        try {
            Path log = home.resolve("data/log/karaf.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        String[] all = log().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /**
     * Stops the instance: {@code bin/stop} first, then a forced kill of whatever still runs from this home (the
     * Karaf JVM and anything it started). Safe to call more than once.
     */
    @Override
    public void close() {
        // What Karaf started (the chain node) is remembered first: after a forced kill it would be orphaned.
        List<ProcessHandle> children = process == null ? List.of() : process.descendants().toList();
        if (process != null && process.isAlive()) {
            runQuietly(home.resolve("bin/stop").toString());
            try {
                process.waitFor(ItestSettings.stopTimeout().toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killStragglers();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** A real process death: SIGKILL to the Karaf JVM and what it started, no shutdown of any kind. */
    public void kill() {
        List<ProcessHandle> children = process == null ? List.of() : process.descendants().toList();
        killStragglers();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Stops the instance and starts it again on the same home, data and ports, as an operator's restart would.
     */
    public KarafInstance restart() {
        close();
        return start();
    }

    /** The SN's join token, which the sentinel wrote on first start. */
    public String joinToken() {
        try {
            return Files.readString(home.resolve("data/openswarm/sn/join-token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("No join token yet in " + home, e);
        }
    }

    /** Kills every process started from this home, e.g. by {@code bin/start} outside {@link #start()}. */
    private void killStragglers() {
        String marker = "-Dkaraf.home=" + home;
        List<ProcessHandle> owned = new ArrayList<>();
        if (process != null)
            owned.add(process.toHandle());
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(owned::add);
        for (ProcessHandle handle : owned) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : owned)
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> handle).join();
    }

    private void runQuietly(String command) {
        try {
            Process stop = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            stop.waitFor(ItestSettings.stopTimeout().toSeconds(), TimeUnit.SECONDS);
        } catch (IOException e) {
            // the forced kill that follows still ends the instance
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KarafInstance[" + name + " at " + home + ", ports " + ports + "]";
    }
}
