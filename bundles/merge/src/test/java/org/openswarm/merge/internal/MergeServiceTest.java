package org.openswarm.merge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openswarm.api.merge.MergeEngine;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;

class MergeServiceTest {
    static MergeEngine fake(String name) {
        return new MergeEngine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void merge(MergeMethod m, MergeParams p, float[][] in, float[] w, float[] out) {
            }

            @Override
            public void merge(MergeMethod m, MergeParams p, double[][] in, float[] w, double[] out) {
            }

            @Override
            public void addSquaredDistances(float[][] in, double[][] acc) {
            }
        };
    }

    @Test
    void autoPicksTheHighestRankingAndFallsBackToJava() {
        MergeEngine java = fake("java");
        MergeEngine nat = fake("native");
        MergeEngine cuda = fake("cuda");
        Map<MergeEngine, Map<String, Object>> engines = new LinkedHashMap<>();
        engines.put(java, Map.of("engine", "java", "service.ranking", 0));
        MergeService.Choice c = MergeService.choose("auto", engines, java);
        assertSame(java, c.engine());
        assertTrue(c.reason().contains("not registered: native, cuda, rocm"), c.reason());
        engines.put(nat, Map.of("engine", "native", "service.ranking", 100));
        engines.put(cuda, Map.of("engine", "cuda", "service.ranking", 200));
        c = MergeService.choose("auto", engines, java);
        assertSame(cuda, c.engine());
        assertTrue(c.reason().contains("skipped native (ranking 100), java (ranking 0)"), c.reason());
        assertSame(nat, MergeService.choose("native", engines, java).engine());
        c = MergeService.choose("rocm", engines, java);
        assertSame(java, c.engine());
        assertTrue(c.reason().contains("'rocm' is not registered"), c.reason());
        assertEquals(java, MergeService.choose("auto", Map.of(), java).engine());
    }
}
