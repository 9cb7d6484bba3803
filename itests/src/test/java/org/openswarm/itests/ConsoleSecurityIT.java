package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/** The console ships no well-known password and listens on loopback only. */
@ExtendWith(SharedInstance.class)
class ConsoleSecurityIT {
    @Test
    void firstStartGeneratesAPrivateRandomCredential(KarafInstance openswarm) throws Exception {
        Path users = openswarm.home().resolve("etc/users.properties");
        List<String> active = Files.readAllLines(users).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("_g_")).toList();
        assertEquals(1, active.size(), active.toString());
        assertTrue(active.get(0).matches("openswarm = [0-9a-f]{48},_g_:admingroup"), "unexpected user line");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
    }

    @Test
    void clientLogsInWithTheGeneratedCredential(KarafInstance openswarm) {
        String installed = openswarm.shell("feature:list -i").requireOk("feature:list -i").output();
        assertTrue(installed.contains("openswarm-sn"), installed);
    }

    @Test
    void sshListensOnLoopbackOnly(KarafInstance openswarm) throws Exception {
        String listening = Files.readString(Path.of("/proc/net/tcp")) + Files.readString(Path.of("/proc/net/tcp6"));
        String port = String.format("%04X", openswarm.port(KarafInstance.SSH));
        List<String> local = listening.lines().map(String::trim).map(l -> l.split("\\s+"))
                .filter(f -> f.length > 3 && f[1].endsWith(":" + port) && f[3].equals("0A")).map(f -> f[1]).toList();
        assertTrue(!local.isEmpty(), "nothing listens on the SSH port");
        // 0100007F is 127.0.0.1; in tcp6 it shows as the IPv4-mapped ::ffff:127.0.0.1.
        for (String address : local)
            assertTrue(address.startsWith("0100007F:") || address.startsWith("0000000000000000FFFF00000100007F:"),
                    "SSH bound to a non-loopback address: " + address);
    }
}
