package org.openswarm.api.sn;

import java.util.List;

/** The bodies of the SN API's contract, task and taskrunner writes (docs/sn-api.md), shared by server and client. */
public final class SnRequests {
    private SnRequests() {
    }

    /** POST /contracts; {@code leaderTimeoutSeconds} null means the reference default (600). */
    public record ContractRequest(String name, Long leaderTimeoutSeconds) {
    }

    /** POST /tasks; {@code taskType} is a TaskType name, any case. */
    public record TaskRequest(String name, String taskType, String author, String prereq, String outcome) {
    }

    /** POST /tasks/{name}/body; {@code from} (optional) is the index of the first line, for an idempotent resend. */
    public record BodyRequest(List<String> lines, Long from) {
    }

    /** POST /taskrunners. */
    public record RunnerRequest(String name) {
    }

    /** POST /taskrunners/{name}/assign: exactly one of {@code peers}, {@code allPeers}, {@code target}. */
    public record AssignRequest(String task, Integer peers, Boolean allPeers, String target) {
    }

    /** POST /taskrunners/{name}/swops. */
    public record SwopRequest(String uid) {
    }

    /**
     * POST /taskrunners/{name}/claim; {@code pairs} (default 1) are the SL/ML pairs the SWOP runs for a RUN_SWARM
     * task, 1 for other tasks.
     */
    public record ClaimRequest(String uid, Integer pairs) {
    }

    /** POST /taskrunners/{name}/peers/{uid}/status; {@code status} is IDLE, RUNNING, COMPLETE or ERROR. */
    public record PeerStatusRequest(String status, String description) {
    }

    // ------------------------------------------------------------------------------- training rounds (SL -> SN)

    /** POST /contracts/{name}/enroll: {@code contextHash} is 64 hex digits, {@code minPeers} 1..65535. */
    public record EnrollRequest(String uid, String contextHash, Integer minPeers, Boolean eligibleLeader) {
    }

    /** POST /contracts/{name}/rounds/{round}/checkin: {@code paramHash} is 64 hex digits, {@code weight} 1..100. */
    public record CheckinRequest(String uid, String paramHash, Integer weight) {
    }

    /** The answer of POST /contracts/{name}/rounds/{round}/checkin: the round the check-in was recorded for. */
    public record CheckinAnswer(long round) {
    }

    /** POST /contracts/{name}/rounds/{round}/freeze: the leader's uid and the participants in merge order. */
    public record FreezeRequest(String uid, List<String> participants) {
    }

    /** POST /contracts/{name}/rounds/{round}/merged: the leader's uid and the merged model's SHA-256. */
    public record MergedRequest(String uid, String mergedHash) {
    }

    /**
     * POST /contracts/{name}/rounds/{round}/failover: the participant that triggers it and, optionally, the leader it
     * saw miss its deadline; with {@code leader}, a replay after the leader moved is a no-op.
     */
    public record FailoverRequest(String uid, String leader) {
        public FailoverRequest(String uid) {
            this(uid, null);
        }
    }

    /** POST /contracts/{name}/perf: a node's latest PERFDATA. */
    public record PerfRequest(String uid, Long round, Double loss, Double metric, Long epochsDone, Long totalEpochs) {
    }

    /** POST /contracts/{name}/checkout: {@code mode} is SNAPSHOT, ACTIVE or INACTIVE, any case. */
    public record CheckoutRequest(String uid, String mode) {
    }
}
