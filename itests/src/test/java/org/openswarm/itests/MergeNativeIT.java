package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/**
 * The native merge engines in the distribution: the CPU engine (boot feature openswarm-merge-native) loads its
 * library inside Karaf with no JVM flag and engine = auto picks it; the CUDA and ROCm features install offline and say
 * in one log line why they stay off on a machine without a GPU (or without a library).
 */
@ExtendWith(SharedInstance.class)
class MergeNativeIT {
    @Test
    void theNativeCpuEngineLoadsAndAutoPicksIt(KarafInstance box) {
        Await.require(Duration.ofSeconds(60), "the native engine's log line",
                () -> box.log().contains("Merge engine native: available"));
        String log = box.log();
        assertTrue(log.contains("Merge engine: native (auto: highest service.ranking 100; skipped java (ranking 0)"),
                box.logTail(40));
        String bundles = box.shell("bundle:list -s").requireOk("bundle:list").output();
        assertTrue(bundles.contains("org.openswarm.merge.native") && bundles.contains("org.bytedeco.javacpp"),
                bundles);
    }

    @Test
    void gpuFeaturesInstallOfflineAndSayWhyTheyAreOff(KarafInstance box) {
        box.shell("feature:install openswarm-merge-cuda openswarm-merge-rocm").requireOk("feature:install");
        try {
            Await.require(Duration.ofSeconds(60), "the GPU engines' log lines",
                    () -> box.log().contains("Merge engine cuda: ") && box.log().contains("Merge engine rocm: "));
            String log = box.log();
            // Here: no NVIDIA driver (error 35) or no device; on a GPU box the engine registers instead.
            assertTrue(log.contains("Merge engine cuda: not available, no CUDA device")
                    || log.contains("Merge engine cuda: available on"), box.logTail(40));
            assertTrue(log.contains("Merge engine rocm: not available"), box.logTail(40));
        } finally {
            box.shell("feature:uninstall openswarm-merge-rocm");
            box.shell("feature:uninstall openswarm-merge-cuda");
        }
    }
}
