package org.openswarm.examples.digits;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The default hyperparameters reach the reference split's swarm accuracy (0.953) in the in-process simulation of
 * mean merging, over the seeds run.sh uses (1..3), and the swarm beats every local-only node.
 */
class MeanMergeSimulationTest {

    @Test
    void swarmReachesTheReferenceAccuracyOnSeedsOneToThree() throws Exception {
        Dataset all = Dataset.load(null);
        double swarm = 0;
        for (long seed = 1; seed <= 3; seed++) {
            MeanMergeSimulation.Result r = MeanMergeSimulation.run(all, 5, Hyperparameters.DEFAULT, seed);
            for (double local : r.local()) {
                assertTrue(r.swarm() > local, "seed " + seed + ": swarm " + r.swarm() + " vs local " + local);
            }
            swarm += r.swarm() / 3;
        }
        assertTrue(swarm >= 0.95, "swarm mean " + swarm);
    }
}
