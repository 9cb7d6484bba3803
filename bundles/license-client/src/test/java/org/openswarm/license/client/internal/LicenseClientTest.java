package org.openswarm.license.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases.Lease;
import org.openswarm.common.testing.Configs;
import org.openswarm.license.internal.LicenseServer;
import org.openswarm.license.internal.LicenseServerConfig;

/** The client against the real license server on loopback, with short TTLs and retries. */
class LicenseClientTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private LicenseServer server;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--)
            open.get(i).close();
        if (server != null)
            server.deactivate();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private LicenseServer startServer(int port, int ttlSeconds, Path data) {
        server = new LicenseServer(Configs.of(LicenseServerConfig.class, Map.of("host", "127.0.0.1", "port", port,
                "tokenTtlSeconds", ttlSeconds, "dataDir", data.toString())));
        return server;
    }

    private LicenseClient client(int port, long graceSeconds) {
        LicenseClient client = new LicenseClient(Configs.of(LicenseClientConfig.class, Map.of("host", "127.0.0.1",
                "port", port, "graceSeconds", graceSeconds, "retryMinSeconds", 1, "retryMaxSeconds", 1)));
        open.add(client::deactivate);
        return client;
    }

    private Lease lease(LicenseClient client, Feature feature, String holder) {
        Lease lease = client.lease(feature, holder);
        open.add(lease);
        return lease;
    }

    private static boolean within(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean())
                return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Test
    void acquiresRenewsAndReleases() throws Exception {
        int port = freePort();
        startServer(port, 3, dir.resolve("server"));
        Lease lease = lease(client(port, 60), Feature.SN, "11111111-1111-1111-1111-111111111111");
        assertTrue(within(Duration.ofSeconds(5), lease::hasToken), lease.status());
        assertTrue(lease.status().startsWith("SN token "), lease.status());
        Thread.sleep(4000); // past the 3 s TTL: only renewals keep it
        assertTrue(lease.hasToken(), "renewed: " + lease.status());
        lease.close();
        assertFalse(lease.hasToken());
        // released: four other SNs now fit into the community capacity of 4
        LicenseClient other = client(port, 60);
        List<Lease> four = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            four.add(lease(other, Feature.SN, "2222222" + i + "-0000-0000-0000-000000000000"));
        for (Lease held : four)
            assertTrue(within(Duration.ofSeconds(5), held::hasToken), held.status());
    }

    @Test
    void noFreeTokenIsSaidClearlyAndRetried() throws Exception {
        int port = freePort();
        startServer(port, 30, dir.resolve("server"));
        LicenseClient client = client(port, 60);
        List<Lease> four = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            four.add(lease(client, Feature.SN, "3333333" + i + "-0000-0000-0000-000000000000"));
        for (Lease held : four)
            assertTrue(within(Duration.ofSeconds(5), held::hasToken));
        Lease fifth = lease(client, Feature.SN, "44444444-0000-0000-0000-000000000000");
        assertTrue(within(Duration.ofSeconds(5), () -> fifth.status().contains("no free SN token")), fifth.status());
        assertFalse(fifth.hasToken());
        assertTrue(fifth.permitsNewSessions(), "within the grace period");
        four.get(0).close();
        assertTrue(within(Duration.ofSeconds(5), fifth::hasToken), "took the freed token: " + fifth.status());
    }

    @Test
    void anUnreachableServerNeverStopsTheNodeUntilTheGracePeriodIsOver() throws Exception {
        int port = freePort(); // nothing listens here
        Lease withGrace = lease(client(port, 3600), Feature.SL, "55555555-0000-0000-0000-000000000000");
        Lease noGrace = lease(client(port, 0), Feature.SL, "66666666-0000-0000-0000-000000000000");
        assertTrue(within(Duration.ofSeconds(5), () -> withGrace.status().contains("Unable to connect")),
                withGrace.status());
        assertTrue(withGrace.status().contains("127.0.0.1:" + port), withGrace.status());
        assertFalse(withGrace.hasToken());
        assertTrue(withGrace.permitsNewSessions());
        assertTrue(within(Duration.ofSeconds(5), () -> noGrace.status().contains("grace period is over")),
                noGrace.status());
        assertFalse(noGrace.permitsNewSessions());

        startServer(port, 30, dir.resolve("server")); // the server comes up later: the lease gets its token
        assertTrue(within(Duration.ofSeconds(10), withGrace::hasToken), withGrace.status());
        assertTrue(within(Duration.ofSeconds(10), noGrace::permitsNewSessions), noGrace.status());
    }

    @Test
    void aTokenTheServerForgotIsAcquiredAgain() throws Exception {
        int port = freePort();
        startServer(port, 3, dir.resolve("first"));
        Lease lease = lease(client(port, 60), Feature.SWOP, "77777777-0000-0000-0000-000000000000");
        assertTrue(within(Duration.ofSeconds(5), lease::hasToken));
        String first = lease.status();
        server.deactivate();
        startServer(port, 3, dir.resolve("second")); // a server that never issued that token
        assertTrue(within(Duration.ofSeconds(10), () -> lease.hasToken() && !lease.status().equals(first)),
                lease.status());
    }
}
