package org.openswarm.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's HTTP side of docs/ml-api.md against {@link MlApiTestDouble} (a protocol test double, not the SL; the
 * SL's own integration test covers the real thing).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MlApiProtocolTest {

    private static SwarmCallback.Builder builder(MlApiTestDouble sl, int syncFrequency, int minPeers) {
        return SwarmCallback.builder(syncFrequency, minPeers).environment(name -> null).slUrl(sl.url())
                .slToken(MlApiTestDouble.TOKEN).logger(Logger.getLogger("test.protocol"))
                .retry(Duration.ofMillis(10), Duration.ofMillis(40), 3, 1);
    }

    /** A training loop: each batch moves every weight by {@code delta}. */
    private static void train(SwarmCallback cb, VectorModel model, float delta, int epochs, int batches) {
        cb.onTrainBegin();
        for (int e = 0; e < epochs; e++) {
            for (int b = 0; b < batches; b++) {
                model.step(delta);
                cb.onBatchEnd();
            }
            cb.onEpochEnd();
        }
        cb.onTrainEnd();
    }

    @Test
    void twoNodesSyncThroughLongPollsAndEndWithTheSameModel() throws Exception {
        try (MlApiTestDouble sl = new MlApiTestDouble(2, 2)) {
            VectorModel a = new VectorModel(0, 0);
            VectorModel b = new VectorModel(10, 20);
            SwarmCallback cbA = builder(sl, 2, 2).totalEpochs(2).adsValData(() -> new Evaluation(0.25, 0.75))
                    .trainingContract("digits").mergeMethod("TrimmedMean").mergeParams(Map.of("beta", 0.2))
                    .build(a);
            SwarmCallback cbB = builder(sl, 2, 2).totalEpochs(2).adsValData(() -> new Evaluation(0.5, 0.5))
                    .trainingContract("digits").mergeMethod("TrimmedMean").mergeParams(Map.of("beta", 0.2))
                    .build(b);
            CompletableFuture<Void> ta = CompletableFuture.runAsync(() -> train(cbA, a, 1, 2, 3));
            CompletableFuture<Void> tb = CompletableFuture.runAsync(() -> train(cbB, b, 3, 2, 3));
            CompletableFuture.allOf(ta, tb).get(50, TimeUnit.SECONDS);

            // Sync 1 aligns both on [5, 10]; 6 batches with interval 2 sync at batches 3 and 5; each node then trains
            // one more batch. Means: after batch 3: +3 * (1+3)/2 = +6; after 5: +4; final close: +2 (a +1, b +3).
            assertArrayEquals(new float[] {17, 22}, a.w);
            assertArrayEquals(a.w, b.w);
            assertEquals(3, cbA.syncsDone());
            assertEquals(2, cbA.epochsCompleted());

            JsonObject open = sl.openRequests.get(0);
            assertEquals(2, open.get("syncFrequency").getAsInt());
            assertEquals("digits", open.get("trainingContract").getAsString());
            assertEquals("trimmedmean", open.get("mergeMethod").getAsString());
            assertEquals(0.2, open.getAsJsonObject("mergeParams").get("beta").getAsDouble());
            assertEquals("snapshot", open.get("checkinModelOnTrainEnd").getAsString());
            assertEquals("JAVA", open.get("platform").getAsString());
            assertEquals(2, open.get("totalEpochs").getAsInt());

            assertEquals(4, sl.metrics.size(), "one metrics post per in-training merge and node");
            JsonObject metric = sl.metrics.get(0);
            assertTrue(List.of(2, 3).contains(metric.get("seq").getAsInt()));
            assertTrue(sl.requestLog.stream().anyMatch(r -> r.matches("GET /v1/sessions/.*/syncs/1\\?wait=1")));
            assertTrue(sl.requestLog.stream().anyMatch(r -> r.matches("PUT /v1/sessions/.*/close\\?epochsDone=2")));
            assertTrue(sl.requestLog.stream().anyMatch(r -> r.matches("GET /v1/sessions/.*/final\\?wait=1")));
            assertTrue(cbA.isTrainingOver());
        }
    }

    @Test
    void retriesUnavailableAndRepeatsASyncWhoseAnswerWasLost() throws Exception {
        try (MlApiTestDouble sl = new MlApiTestDouble(1, 2)) {
            sl.unavailableAnswers.set(2);
            sl.dropAnswerOfSeq = 2;
            VectorModel model = new VectorModel(1);
            SwarmCallback cb = builder(sl, 2, 1).build(model);
            train(cb, model, 1, 1, 4);

            assertArrayEquals(new float[] {5}, model.w);
            long puts = sl.requestLog.stream().filter(r -> r.matches("PUT /v1/sessions/.*/syncs/2.*")).count();
            assertEquals(2, puts, "the same seq is PUT again after the lost answer: " + sl.requestLog);
            assertEquals(3, sl.requestLog.stream().filter(r -> r.equals("POST /v1/sessions")).count(),
                    "two 503 answers, then the session: " + sl.requestLog);
        }
    }

    @Test
    void theSlsRefusalIsRaisedWithItsMessage() throws Exception {
        try (MlApiTestDouble sl = new MlApiTestDouble(1, 2)) {
            SwarmCallback cb = builder(sl, 2, 1).trainingContract("conflict").build(new VectorModel(1));
            SwarmError error = assertThrows(SwarmError.class, cb::onTrainBegin);
            assertTrue(error.getMessage().startsWith("Init Swarm call to SL failed - POST /v1/sessions answered 409"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("CONFLICT: node enrolled cannot change ML context"));

            SwarmCallback wrongToken = builder(sl, 2, 1).slToken("wrong").build(new VectorModel(1));
            assertTrue(assertThrows(SwarmError.class, wrongToken::onTrainBegin).getMessage().contains("401"));
        }
    }

    @Test
    void anSlThatNeverAnswersEndsACallThatIsNotAWait() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SwarmCallback cb = SwarmCallback.builder(2, 1).environment(name -> null).slUrl("http://127.0.0.1:" + port)
                .slToken("t").logger(Logger.getLogger("test.protocol"))
                .retry(Duration.ofMillis(5), Duration.ofMillis(10), 3, 1).build(new VectorModel(1));
        SwarmError error = assertThrows(SwarmError.class, cb::onTrainBegin);
        assertTrue(error.getMessage().contains("no answer from the SL"), error.getMessage());
        assertTrue(error.getMessage().contains("after 3 tries"), error.getMessage());
        assertFalse(cb.isLoopback());
    }
}
