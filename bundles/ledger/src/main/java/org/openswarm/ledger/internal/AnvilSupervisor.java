package org.openswarm.ledger.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

/**
 * Keeps the embedded anvil alive: restarts it from its saved state when it dies, when its memory passes the cap, or
 * when transactions sit pending while no block is mined for {@code stallAfter} (anvil's automine stall, foundry issue
 * #10122), and tells its listener after each restart so the outbox can re-send what was lost.
 */
final class AnvilSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnvilSupervisor.class);

    /** Told after anvil came back from a restart. */
    interface Listener {
        void restarted(String why);
    }

    private final AnvilProcess.Settings settings;
    private final long memoryCapBytes;
    private final Duration stallAfter;
    private final Listener listener;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "openswarm-anvil-watchdog");
        thread.setDaemon(true);
        thread.setContextClassLoader(AnvilSupervisor.class.getClassLoader());
        return thread;
    });

    private volatile AnvilProcess anvil;
    private volatile String problem;
    private long lastBlock = -1;
    private long blockSeenAt = System.nanoTime();
    private int restarts;

    AnvilSupervisor(AnvilProcess.Settings settings, long memoryCapBytes, Duration stallAfter, Listener listener) {
        this.settings = settings;
        this.memoryCapBytes = memoryCapBytes;
        this.stallAfter = stallAfter;
        this.listener = listener;
    }

    /** Starts anvil and the watchdog; throws when anvil cannot start at all. */
    AnvilProcess start() {
        anvil = AnvilProcess.start(settings);
        LOG.info("Embedded chain node (anvil, pid {}) answers on {} with chain id {}", anvil.pid(), anvil.rpcUrl(),
                settings.chainId());
        watchdog.scheduleWithFixedDelay(this::checkQuietly, 1, 1, TimeUnit.SECONDS);
        return anvil;
    }

    /**
     * Waits until anvil has written a state snapshot taken after this call, so that what was mined before it survives
     * a kill -9 from now on. Returns false when none came within the timeout.
     */
    boolean awaitSnapshot(Duration timeout) {
        java.nio.file.Path state = settings.stateDir().resolve("state.json");
        long mark = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(state) && Files.getLastModifiedTime(state).toMillis() > mark && Files.size(state) > 0)
                    return true;
                Thread.sleep(100);
            } catch (IOException e) {
                // being rewritten: look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        LOG.warn("No state snapshot of the embedded chain within {}s", timeout.toSeconds());
        return false;
    }

    /** Null while healthy, else what is wrong. */
    String problem() {
        return problem;
    }

    int restarts() {
        return restarts;
    }

    AnvilProcess process() {
        return anvil;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            problem = "supervisor check failed: " + e.getMessage();
            LOG.warn("Chain supervisor check failed", e);
        }
    }

    /** One watchdog round; package-private so tests can drive it. */
    synchronized void check() {
        AnvilProcess current = anvil;
        if (current == null)
            return;
        if (!current.isAlive()) {
            restart("anvil exited");
            return;
        }
        long rss = residentBytes(current.pid());
        if (rss > memoryCapBytes) {
            restart("anvil uses " + rss / (1024 * 1024) + " MiB, over the cap of " + memoryCapBytes / (1024 * 1024)
                    + " MiB");
            return;
        }
        JsonRpc rpc = new JsonRpc(current.rpcUrl());
        try {
            long block = JsonRpc.hex(rpc.call("eth_blockNumber"));
            JsonObject pool = rpc.call("txpool_status").getAsJsonObject();
            long pending = JsonRpc.hex(pool.get("pending"));
            long now = System.nanoTime();
            if (block != lastBlock || pending == 0) {
                lastBlock = block;
                blockSeenAt = now;
            } else if (now - blockSeenAt > stallAfter.toNanos()) {
                restart(pending + " transaction(s) pending with no block mined for " + stallAfter.toSeconds() + "s");
                return;
            }
            problem = null;
        } catch (IOException e) {
            problem = "anvil does not answer JSON-RPC: " + e.getMessage();
        }
    }

    private void restart(String why) {
        restarts++;
        problem = "restarting anvil: " + why;
        LOG.warn("Restarting the embedded chain node ({}), from its saved state", why);
        anvil.kill();
        try {
            anvil = AnvilProcess.start(settings);
        } catch (RuntimeException e) {
            problem = "anvil restart failed: " + e.getMessage();
            LOG.error("Embedded chain node did not restart: {}", e.getMessage());
            return;
        }
        lastBlock = -1;
        blockSeenAt = System.nanoTime();
        problem = null;
        LOG.info("Embedded chain node restarted (pid {})", anvil.pid());
        try {
            listener.restarted(why);
        } catch (RuntimeException e) {
            LOG.warn("After the chain restart: {}", e.getMessage());
        }
    }

    /** Resident memory of a process from /proc, or 0 where /proc is not there. */
    private static long residentBytes(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            for (String line : Files.readAllLines(status))
                if (line.startsWith("VmRSS:"))
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        } catch (IOException | NumberFormatException e) {
            // gone or unreadable: the liveness check covers it
        }
        return 0;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            watchdog.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AnvilProcess current = anvil;
        if (current != null)
            current.close();
    }
}
