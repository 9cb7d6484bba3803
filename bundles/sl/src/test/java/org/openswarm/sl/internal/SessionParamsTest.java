package org.openswarm.sl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.merge.MergeMethod;

class SessionParamsTest {
    private static final Path MODELS = Path.of("/tmp/models");

    private static SessionParams.OpenRequest request(Integer syncFrequency, Integer minPeers) {
        return new SessionParams.OpenRequest(syncFrequency, minPeers, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static String refusal(SessionParams.OpenRequest request) {
        SwarmException e = assertThrows(SwarmException.class, () -> SessionParams.from(request, MODELS));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        return e.getMessage();
    }

    @Test
    void defaultsFollowTheReference() {
        SessionParams params = SessionParams.from(request(128, 2), MODELS);
        assertEquals("defaultbb.cqdb.sml.hpe", params.contract());
        assertEquals(CheckoutMode.SNAPSHOT, params.endMode());
        assertEquals(1, params.weight());
        assertEquals(MergeMethod.MEAN, params.mergeMethod());
        assertEquals("ml", params.program());
        assertEquals(MODELS, params.modelDir());
    }

    @Test
    void refusesWhatTheReferenceRefuses() {
        assertTrue(refusal(request(null, 2)).contains("syncFrequency has to be a positive integer"));
        assertTrue(refusal(request(0, 2)).contains("syncFrequency has to be a positive integer"));
        assertTrue(refusal(request(8, 0)).contains("minPeers"));
        assertTrue(refusal(new SessionParams.OpenRequest(8, 2, null, null, null, null, 101, null, null, null, null,
                null, null)).contains("nodeWeightage"));
        assertTrue(refusal(new SessionParams.OpenRequest(8, 2, null, null, null, "sometimes", null, null, null, null,
                null, null, null)).contains("checkinModelOnTrainEnd"));
        assertTrue(refusal(new SessionParams.OpenRequest(8, 2, 1, null, null, null, null, null, null, null, null,
                null, null)).contains("maxPeers"));
        assertTrue(refusal(new SessionParams.OpenRequest(8, 2, null, null, null, null, null, null, null, null,
                "../evil", null, null)).contains("program"));
        assertTrue(refusal(new SessionParams.OpenRequest(8, 2, null, null, null, null, null, null, null, null, null,
                "relative/dir", null)).contains("absolute"));
        assertThrows(SwarmException.class, () -> SessionParams.from(new SessionParams.OpenRequest(8, 2, null, null,
                null, null, null, "average", null, null, null, null, null), MODELS));
    }

    @Test
    void contextHashCoversWhatNodesMustShare() {
        String base = SessionParams.from(request(8, 2), MODELS).contextHash();
        assertEquals(64, base.length());
        assertEquals(base, SessionParams.from(new SessionParams.OpenRequest(8, 2, null, null, null, "active", 7, null,
                null, 3, "other", null, null), MODELS).contextHash(), "weight, end mode, epochs are per node");
        assertNotEquals(base, SessionParams.from(request(9, 2), MODELS).contextHash());
        assertNotEquals(base, SessionParams.from(request(8, 3), MODELS).contextHash());
        assertNotEquals(base, SessionParams.from(new SessionParams.OpenRequest(8, 2, null, null, null, null, null,
                "coordmedian", null, null, null, null, null), MODELS).contextHash());
        String trimmed = SessionParams.from(new SessionParams.OpenRequest(8, 2, null, null, null, null, null,
                "trimmedmean", Map.of("beta", 0.2), null, null, null, null), MODELS).contextHash();
        assertNotEquals(trimmed, SessionParams.from(new SessionParams.OpenRequest(8, 2, null, null, null, null, null,
                "trimmedmean", Map.of("beta", 0.1), null, null, null, null), MODELS).contextHash());
    }
}
