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

    /** POST /taskrunners/{name}/swops and /claim. */
    public record SwopRequest(String uid) {
    }

    /** POST /taskrunners/{name}/peers/{uid}/status; {@code status} is IDLE, RUNNING, COMPLETE or ERROR. */
    public record PeerStatusRequest(String status, String description) {
    }
}
