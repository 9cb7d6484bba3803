package org.openswarm.ledger.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * One local anvil chain node as a child process, bound to loopback, with its state persisted under a directory: the
 * state file is snapshot every second ({@code --state-interval 1}) and loaded again on the next start, and the chain id
 * is passed every time because anvil does not keep it in the state (ledger-notes.md §4).
 */
public final class AnvilProcess implements AutoCloseable {
    /** How anvil is started. */
    public record Settings(Path binary, Path stateDir, int port, long chainId, String mnemonic) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    static final String PID_FILE = "anvil.pid";

    private final Settings settings;
    private final Process process;

    private AnvilProcess(Settings settings, Process process) {
        this.settings = settings;
        this.process = process;
    }

    /** Starts anvil and waits until it answers JSON-RPC. */
    public static AnvilProcess start(Settings settings) {
        if (!Files.isExecutable(settings.binary()))
            throw new SwarmException(ErrorCode.UNAVAILABLE, "anvil binary not found or not executable: "
                    + settings.binary());
        try {
            Files.createDirectories(settings.stateDir());
            killOrphan(settings.stateDir());
            List<String> command = new ArrayList<>(List.of(settings.binary().toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(settings.port()),
                    "--chain-id", String.valueOf(settings.chainId()),
                    "--state", settings.stateDir().resolve("state.json").toString(),
                    "--state-interval", "1",
                    "--config-out", settings.stateDir().resolve("accounts.json").toString(),
                    // no banner: it would print the accounts' private keys into anvil.log
                    "--quiet",
                    "--mnemonic", settings.mnemonic()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.stateDir().resolve("anvil.log").toFile()))
                    .start();
            Files.writeString(settings.stateDir().resolve(PID_FILE), Long.toString(process.pid()));
            AnvilProcess anvil = new AnvilProcess(settings, process);
            anvil.awaitRpc();
            return anvil;
        } catch (IOException e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Cannot start anvil: " + e.getMessage(), e);
        }
    }

    /**
     * Ends an anvil that an earlier run left behind on this state directory (its JVM was killed with -9), which
     * would otherwise hold the port and the state file.
     */
    private static void killOrphan(Path stateDir) throws IOException {
        Path pidFile = stateDir.resolve(PID_FILE);
        if (!Files.exists(pidFile))
            return;
        String marker = stateDir.resolve("state.json").toString();
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .ifPresent(orphan -> {
                        orphan.destroyForcibly();
                        orphan.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> orphan).join();
                    });
        } catch (NumberFormatException ignored) {
            // not a pid: nothing to end
        }
        Files.deleteIfExists(pidFile);
    }

    private void awaitRpc() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest chainId = HttpRequest.newBuilder(URI.create(rpcUrl())).timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}"))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive())
                throw new SwarmException(ErrorCode.UNAVAILABLE, "anvil exited with " + process.exitValue()
                        + " during start; see " + settings.stateDir().resolve("anvil.log"));
            try {
                if (http.send(chainId, BodyHandlers.ofString()).statusCode() == 200)
                    return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(50);
        }
        close();
        throw new SwarmException(ErrorCode.UNAVAILABLE, "anvil did not answer on " + rpcUrl() + " within "
                + START_TIMEOUT.toSeconds() + "s; see " + settings.stateDir().resolve("anvil.log"));
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + settings.port();
    }

    public Settings settings() {
        return settings;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills anvil at once (SIGKILL): what it did since its last one-second snapshot is lost. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The private key of dev account {@code index}, from the file anvil writes with {@code --config-out}. */
    public String privateKey(int index) {
        try {
            var config = org.openswarm.common.json.Json.gson().fromJson(
                    Files.readString(settings.stateDir().resolve("accounts.json")), com.google.gson.JsonObject.class);
            return config.getAsJsonArray("private_keys").get(index).getAsString();
        } catch (IOException | RuntimeException e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Cannot read anvil's account keys from "
                    + settings.stateDir().resolve("accounts.json") + ": " + e.getMessage(), e);
        }
    }

    /** Stops anvil with SIGTERM so it writes its state, and kills it if it does not exit in time. */
    @Override
    public void close() {
        if (!process.isAlive())
            return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
