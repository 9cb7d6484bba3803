package org.openswarm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Reference §6.3: the countdown is checked for 0 before it is decremented. */
class CountdownTest {

    private static RecordingBackend train(int syncFrequency, int batches, RecordingBackend backend) {
        SwarmCallback cb = SwarmCallback.builder(syncFrequency, 2).backend(backend).adsValData(() -> new Evaluation(1, 0))
                .logger(Logger.getLogger("test.countdown")).build(new VectorModel(1));
        cb.onTrainBegin();
        for (int b = 1; b <= batches; b++) {
            backend.batch = b;
            cb.onBatchEnd();
        }
        return backend;
    }

    @Test
    void firstMergeAfterBatchNPlusOneThenEveryN() {
        RecordingBackend backend = train(4, 20, new RecordingBackend(seq -> 4));
        // 0 = the sync at train begin.
        assertEquals(List.of(0, 5, 9, 13, 17), backend.syncBatches);
    }

    @Test
    void intervalOneSyncsEveryBatchAfterTheFirst() {
        RecordingBackend backend = train(1, 5, new RecordingBackend(seq -> 1));
        assertEquals(List.of(0, 2, 3, 4, 5), backend.syncBatches);
    }

    @Test
    void obeysTheIntervalTheSlAnswers() {
        // Train begin answers 3; sync 2 answers 5; later ones 2.
        RecordingBackend backend = train(8, 20, new RecordingBackend(seq -> seq == 1 ? 3 : seq == 2 ? 5 : 2));
        assertEquals(List.of(0, 4, 9, 11, 13, 15, 17, 19), backend.syncBatches);
    }

    @Test
    void metricsFollowEveryInTrainingMerge() {
        RecordingBackend backend = train(4, 13, new RecordingBackend(seq -> 4));
        assertEquals(List.of(2, 3, 4), backend.metricSeqs);
    }
}
