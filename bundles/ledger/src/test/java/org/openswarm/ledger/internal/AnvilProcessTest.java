package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnvilProcessTest {
    @TempDir
    Path dir;

    @Test
    void anOrphanFromAKilledRunIsEndedBeforeANewStart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AnvilProcess.Settings settings = new AnvilProcess.Settings(ChainFixture.anvilBinary(), dir, port, 7,
                ChainFixture.MNEMONIC);
        AnvilProcess first = AnvilProcess.start(settings);
        ProcessHandle orphan = ProcessHandle.of(first.pid()).orElseThrow();
        // the JVM that started it "dies" without closing it; a new start on the same directory and port must work
        try (AnvilProcess second = AnvilProcess.start(settings)) {
            assertTrue(second.isAlive());
            orphan.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(orphan.isAlive());
        }
    }
}
