package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.FreePorts;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/** Hot feature uninstall/install and reconfiguration from etc/ on a running distribution; each test restores state. */
@ExtendWith(SharedInstance.class)
class SnLifecycleIT {
    private static final Duration REBIND = Duration.ofSeconds(5);

    @Test
    void featureUninstallFreesThePortAndInstallBindsItAgain(KarafInstance openswarm) {
        int port = openswarm.port(KarafInstance.SN_API);
        try {
            openswarm.shell("feature:uninstall openswarm-sn").requireOk("feature:uninstall openswarm-sn");
            assertTrue(Await.until(REBIND, () -> FreePorts.isClosed(port)), "port " + port + " still bound");
            assertFalse(openswarm.shell("feature:list -i").output().contains("openswarm-sn "));
        } finally {
            openswarm.shell("feature:install openswarm-sn").requireOk("feature:install openswarm-sn");
        }
        assertTrue(Await.until(REBIND, () -> Http.isOk(openswarm.snApiUrl("/is_up"))),
                "SN API did not come back on " + port);
    }

    @Test
    void editingTheCfgFileRebindsWithinFiveSeconds(KarafInstance openswarm) {
        int original = openswarm.port(KarafInstance.SN_API);
        int moved = FreePorts.one();
        try {
            openswarm.reconfigure("org.openswarm.sn", "apiPort", String.valueOf(moved), REBIND,
                    () -> Http.isOk("http://127.0.0.1:" + moved + "/is_up"));
            assertTrue(Await.until(REBIND, () -> FreePorts.isClosed(original)), "old port " + original + " still bound");
        } finally {
            openswarm.reconfigure("org.openswarm.sn", "apiPort", String.valueOf(original), Duration.ofSeconds(20),
                    () -> Http.isOk(openswarm.snApiUrl("/is_up")));
        }
    }
}
