package org.openswarm.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void splitIsAPartitionFixedByTheSeed() throws Exception {
        Dataset all = Dataset.load(null);
        assertEquals(1797, all.size());
        Splits a = Splits.of(all, 5, 0.3, 0.2, 1);
        Splits b = Splits.of(all, 5, 0.3, 0.2, 1);
        Splits c = Splits.of(all, 5, 0.3, 0.2, 2);
        Map<float[], Boolean> seen = new IdentityHashMap<>();
        for (float[] row : a.test().x()) {
            assertTrue(seen.put(row, true) == null);
        }
        for (Dataset node : a.nodes()) {
            for (float[] row : node.x()) {
                assertTrue(seen.put(row, true) == null, "a row is in two places");
            }
        }
        assertEquals(all.size(), seen.size());
        assertEquals(360, a.test().size(), 5);
        assertTrue(Arrays.equals(a.nodes().get(3).y(), b.nodes().get(3).y()));
        assertNotEquals(Arrays.toString(a.nodes().get(3).y()), Arrays.toString(c.nodes().get(3).y()));
    }

    @Test
    void theTestSetIsStratified() throws Exception {
        Dataset all = Dataset.load(null);
        int[] counts = new int[10];
        for (int y : Splits.of(all, 5, 0.3, 0.2, 7).test().y()) {
            counts[y]++;
        }
        for (int count : counts) {
            assertTrue(count >= 35 && count <= 38, Arrays.toString(counts));
        }
    }

    @Test
    void dirichletDrawsSumToOneAndAreSkewedForSmallAlpha() {
        Random random = new Random(3);
        double maxShareMean = 0;
        for (int i = 0; i < 200; i++) {
            double[] p = Dirichlet.sample(random, 0.3, 5);
            assertEquals(1, Arrays.stream(p).sum(), 1e-9);
            maxShareMean += Arrays.stream(p).max().orElseThrow() / 200;
        }
        // Symmetric Dirichlet(0.3) over 5 parts: the largest share is about 0.6 on average (uniform would be 0.2).
        assertTrue(maxShareMean > 0.5 && maxShareMean < 0.75, "mean largest share " + maxShareMean);
    }
}
