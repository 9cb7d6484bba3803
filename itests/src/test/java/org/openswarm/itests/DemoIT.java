package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.ShellResult;

/**
 * The README's main job as a user runs it: {@code bin/openswarm demo} in a fresh distribution (on free ports) starts
 * everything, trains 4 SL/ML pairs through the SWCI flow and the SWOP, and prints the accuracy table.
 */
class DemoIT {
    private static final Pattern ACC = Pattern.compile("^(local node_\\d+|swarm|central) acc=([0-9.]+)$",
            Pattern.MULTILINE);

    @Test
    void theSingleBoxDemoTrainsFourPairsAndPrintsTheTable() {
        try (KarafInstance box = KarafInstance.builder("demo").build()) {
            ShellResult demo = box.run(Duration.ofMinutes(8), "bin/openswarm", "demo");
            String output = demo.output() + "\n--- karaf.log ---\n" + box.logTail(40);
            assertEquals(0, demo.exitCode(), output);
            assertTrue(demo.output().contains("ASSIGN TASK run_digits_java_"), output);
            assertTrue(demo.output().contains("STATE : COMPLETE"), output);
            assertTrue(demo.output().contains("all 4 nodes hold the same final model"), output);
            assertTrue(demo.output().matches("(?s).*demo: round \\d+ merged.*"), "progress per round: " + output);

            List<Double> locals = new ArrayList<>();
            double swarm = -1;
            double central = -1;
            Matcher m = ACC.matcher(demo.output());
            while (m.find()) {
                double acc = Double.parseDouble(m.group(2));
                switch (m.group(1).toLowerCase(Locale.ROOT)) {
                    case "swarm" -> swarm = acc;
                    case "central" -> central = acc;
                    default -> locals.add(acc);
                }
            }
            assertEquals(4, locals.size(), output);
            // Each node alone sees a skewed share of the classes; the swarm model learns them all.
            double bestLocal = locals.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertTrue(swarm > bestLocal, "swarm " + swarm + " vs locals " + locals);
            assertTrue(swarm > 0.85 && central > 0.85, "swarm " + swarm + ", central " + central);
            ShellResult status = box.run(Duration.ofSeconds(30), "bin/openswarm", "status");
            assertEquals(3, status.exitCode(), "the demo stops what it started: " + status.output());
        }
    }
}
