package org.openswarm.sl.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * One sync (or the close) of a session: what the ML handed in and, once the round is done, the model it gets back.
 * The ML's long polls wait on it; its state and detail say why it is still waiting.
 */
final class SyncJob {
    /** What the ML gets back. */
    record Result(Blob model, long round, int nextInterval, boolean contributed, boolean trainingOver) {
    }

    private final int seq;
    private final Blob params;
    private final long epochsDone;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile String state = "CHECKING_IN";
    private volatile String detail = "";
    private volatile long round;

    SyncJob(int seq, Blob params, long epochsDone) {
        this.seq = seq;
        this.params = params;
        this.epochsDone = epochsDone;
    }

    int seq() {
        return seq;
    }

    /** The parameters handed in, or null (a close without them). */
    Blob params() {
        return params;
    }

    long epochsDone() {
        return epochsDone;
    }

    String state() {
        return state;
    }

    String detail() {
        return detail;
    }

    long round() {
        return round;
    }

    void update(String state, long round, String detail) {
        this.state = state;
        this.round = round;
        this.detail = detail;
    }

    boolean isDone() {
        return result.isDone();
    }

    void complete(Result value) {
        state = "DONE";
        round = value.round();
        result.complete(value);
    }

    void fail(SwarmException e) {
        state = "FAILED";
        detail = e.getMessage();
        result.completeExceptionally(e);
    }

    /** Waits up to {@code millis} for the result; null when it is not there yet. */
    Result await(long millis) {
        try {
            return result.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SwarmException swarm)
                throw swarm;
            throw new SwarmException(ErrorCode.INTERNAL, "The sync failed: " + e.getCause());
        }
    }
}
