package org.openswarm.api.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

class MergeApiTest {
    @Test
    void parsesNamesAndReferenceEnumValues() {
        assertEquals(MergeMethod.MEAN, MergeMethod.parse("mean"));
        assertEquals(MergeMethod.COORDMEDIAN, MergeMethod.parse("CoordMedian"));
        assertEquals(MergeMethod.GEOMEDIAN, MergeMethod.parse("3"));
        assertEquals(MergeMethod.MEAN, MergeMethod.parse("1"));
        assertEquals(MergeMethod.COORDMEDIAN, MergeMethod.parse("2"));
        assertEquals(MergeMethod.KRUM, MergeMethod.parse(" krum "));
        assertEquals(MergeMethod.TRIMMEDMEAN, MergeMethod.parse("TRIMMEDMEAN"));
        SwarmException e = assertThrows(SwarmException.class, () -> MergeMethod.parse("avg"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("mean, coordmedian, geomedian, trimmedmean, krum"), e.getMessage());
        assertThrows(SwarmException.class, () -> MergeMethod.parse(null));
        assertThrows(SwarmException.class, () -> MergeMethod.parse("4"));
    }

    @Test
    void paramsValidateAndParse() {
        assertEquals(new MergeParams(0.1, 1), MergeParams.defaults());
        assertEquals(new MergeParams(0.2, 3), MergeParams.of(Map.of("beta", 0.2, "f", 3)));
        assertEquals(new MergeParams(0.25, 2), MergeParams.of(Map.of("trimFraction", "0.25", "byzantine", "2")));
        assertEquals(MergeParams.defaults(), MergeParams.of(Map.of()));
        assertThrows(SwarmException.class, () -> MergeParams.of(Map.of("beta", 0.5)));
        assertThrows(SwarmException.class, () -> MergeParams.of(Map.of("beta", -0.1)));
        assertThrows(SwarmException.class, () -> MergeParams.of(Map.of("f", -1)));
        assertThrows(SwarmException.class, () -> MergeParams.of(Map.of("f", 1.5)));
        assertThrows(SwarmException.class, () -> MergeParams.of(Map.of("beta", "x")));
        assertThrows(SwarmException.class, () -> new MergeParams(Double.NaN, 0));
        assertEquals(1, new MergeParams(0.1, 1).trimCount(10));
        assertEquals(0, new MergeParams(0.1, 1).trimCount(9));
        assertEquals(1, new MergeParams(0.49, 1).trimCount(3));
        assertEquals(0, new MergeParams(0.49, 1).trimCount(2));
        assertEquals(5, new MergeParams(0.1, 1).krumNeighbours(8));
        assertEquals(1, new MergeParams(0.1, 5).krumNeighbours(4));
    }
}
