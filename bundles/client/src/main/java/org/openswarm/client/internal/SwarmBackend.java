package org.openswarm.client.internal;

import org.openswarm.client.Evaluation;

/**
 * What the callback needs from its SL, one method per step of docs/ml-api.md "Client behaviour". The HTTP
 * implementation talks to a real SL; tests substitute their own to check the callback's arithmetic.
 */
public interface SwarmBackend {

    SessionInfo open(CallbackParameters parameters);

    /** Hands in the parameters for sync {@code seq} and waits, without a time limit, for the merged model. */
    MergedModel sync(int seq, byte[] parameters, int epochsDone);

    void metrics(int seq, Evaluation evaluation, int epochsDone, int totalEpochs);

    void close(byte[] parameters, int epochsDone);

    /** Waits, without a time limit, until every peer has finished, and returns the final model. */
    MergedModel finalModel();

    void abort();
}
