package org.openswarm.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.openswarm.client.internal.CallbackParameters;
import org.openswarm.client.internal.MergedModel;
import org.openswarm.client.internal.SessionInfo;
import org.openswarm.client.internal.SwarmBackend;

/**
 * A backend without HTTP that answers each sync with the node's own parameters and an interval chosen by the test,
 * and records the batch each sync happened at.
 */
final class RecordingBackend implements SwarmBackend {
    final List<Integer> syncBatches = new ArrayList<>();
    final List<Integer> metricSeqs = new ArrayList<>();
    int batch;
    boolean closed;
    private byte[] last;
    private final IntUnaryOperator nextInterval;

    /** {@code nextInterval} maps a sync's seq to the interval its answer carries. */
    RecordingBackend(IntUnaryOperator nextInterval) {
        this.nextInterval = nextInterval;
    }

    @Override
    public SessionInfo open(CallbackParameters parameters) {
        return new SessionInfo("s1", "uid", parameters.trainingContract(), 1, parameters.syncFrequency(), false);
    }

    @Override
    public MergedModel sync(int seq, byte[] parameters, int epochsDone) {
        syncBatches.add(batch);
        return new MergedModel(parameters, seq, nextInterval.applyAsInt(seq), false, true);
    }

    @Override
    public void metrics(int seq, Evaluation evaluation, int epochsDone, int totalEpochs) {
        metricSeqs.add(seq);
    }

    @Override
    public void close(byte[] parameters, int epochsDone) {
        closed = true;
        last = parameters;
    }

    @Override
    public MergedModel finalModel() {
        return new MergedModel(last, 0, 0, true, true);
    }

    @Override
    public void abort() {
    }
}
