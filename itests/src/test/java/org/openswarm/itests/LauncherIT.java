package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openswarm.itests.harness.FreePorts;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.ShellResult;

/** bin/openswarm as an operator uses it: start, status, client, stop, without knowing Karaf's scripts. */
class LauncherIT {
    private static final Duration LIMIT = Duration.ofSeconds(150);

    @Test
    void startStatusClientStop() {
        try (KarafInstance openswarm = KarafInstance.builder("launcher").build()) {
            ShellResult notYet = openswarm.run(LIMIT, "bin/openswarm", "status");
            assertEquals(3, notYet.exitCode(), notYet.output());

            ShellResult start = openswarm.run(LIMIT, "bin/openswarm", "start");
            assertEquals(0, start.exitCode(), start.output());
            assertTrue(start.output().contains("SN API is up at " + openswarm.snApiUrl("")), start.output());
            assertTrue(Http.isOk(openswarm.snApiUrl("/is_up")));

            ShellResult status = openswarm.run(LIMIT, "bin/openswarm", "status");
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.output().contains("\"status\":\"UP\""), status.output());

            ShellResult client = openswarm.run(LIMIT, "bin/openswarm", "client", "feature:list -i | grep openswarm-sn");
            assertEquals(0, client.exitCode(), client.output());
            assertTrue(client.output().contains("openswarm-sn"), client.output());

            ShellResult stop = openswarm.run(LIMIT, "bin/openswarm", "stop");
            assertEquals(0, stop.exitCode(), stop.output());
            assertTrue(FreePorts.isClosed(openswarm.port(KarafInstance.SN_API)));
            assertFalse(openswarm.run(LIMIT, "bin/openswarm", "status").ok());
        }
    }

    @Test
    void startRefusesAnSnPortThatAnotherProcessHolds() throws Exception {
        try (KarafInstance openswarm = KarafInstance.builder("busy").build();
                ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            openswarm.setConfig("org.openswarm.sn", "apiPort", String.valueOf(squatter.getLocalPort()));
            ShellResult start = openswarm.run(LIMIT, "bin/openswarm", "start");
            assertEquals(1, start.exitCode(), start.output());
            assertTrue(start.output().contains("port " + squatter.getLocalPort() + " is already in use"),
                    start.output());
            assertFalse(openswarm.run(LIMIT, "bin/openswarm", "status").ok(), "it must not have started");
        }
    }

    @Test
    void unknownCommandPrintsUsage() {
        try (KarafInstance openswarm = KarafInstance.builder("usage").build()) {
            ShellResult usage = openswarm.run(LIMIT, "bin/openswarm", "frobnicate");
            assertEquals(2, usage.exitCode());
            assertTrue(usage.output().contains("openswarm start"), usage.output());
        }
    }
}
