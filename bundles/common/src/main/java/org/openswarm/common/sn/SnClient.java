package org.openswarm.common.sn;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.LedgerInfo;
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.ledger.TaskInfo;
import org.openswarm.api.ledger.TaskRunnerStatus;
import org.openswarm.api.sn.JoinAnswer;
import org.openswarm.api.sn.JoinRequest;
import org.openswarm.api.sn.NodeRequest;
import org.openswarm.api.sn.NodeView;
import org.openswarm.api.sn.SnRequests.AssignRequest;
import org.openswarm.api.sn.SnRequests.BodyRequest;
import org.openswarm.api.sn.SnRequests.CheckinAnswer;
import org.openswarm.api.sn.SnRequests.CheckinRequest;
import org.openswarm.api.sn.SnRequests.CheckoutRequest;
import org.openswarm.api.sn.SnRequests.ClaimRequest;
import org.openswarm.api.sn.SnRequests.ContractRequest;
import org.openswarm.api.sn.SnRequests.EnrollRequest;
import org.openswarm.api.sn.SnRequests.FailoverRequest;
import org.openswarm.api.sn.SnRequests.FreezeRequest;
import org.openswarm.api.sn.SnRequests.MergedRequest;
import org.openswarm.api.sn.SnRequests.PerfRequest;
import org.openswarm.api.sn.SnRequests.PeerStatusRequest;
import org.openswarm.api.sn.SnRequests.RunnerRequest;
import org.openswarm.api.sn.SnRequests.SwopRequest;
import org.openswarm.api.sn.SnRequests.TaskRequest;
import org.openswarm.api.sn.SnStatus;
import org.openswarm.api.sn.VersionInfo;
import org.openswarm.common.http.ErrorBody;
import org.openswarm.common.http.TokenGuard;
import org.openswarm.common.json.Json;

import com.google.gson.reflect.TypeToken;

/**
 * The SN REST API as typed calls. Every failure is a {@link SwarmException} with the SN's own code and message; an
 * SN that cannot be reached is {@code UNAVAILABLE}, naming the address. Thread-safe.
 */
public final class SnClient {
    /** {@code GET /ledger}: the SN's uid and the ledger as it sees it. */
    public record LedgerAnswer(String sn, LedgerInfo ledger) {
    }

    /** {@code GET /tasks/{name}/body}. */
    public record TaskBody(String name, List<String> lines) {
    }

    private static final Type NODES = new TypeToken<List<NodeView>>() {
    }.getType();
    private static final Type ENTRIES = new TypeToken<List<DirectoryEntry>>() {
    }.getType();
    private static final Type NAMES = new TypeToken<List<String>>() {
    }.getType();

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    the SN API, e.g. {@code http://10.0.0.1:30304/}
     * @param token   the network join token (null for the open routes only)
     * @param timeout for each call
     */
    public SnClient(URI base, String token, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.token = token;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    // -------------------------------------------------------------------------------------------- readiness, ledger

    public SnStatus isUp() {
        return get("is_up", SnStatus.class);
    }

    public VersionInfo version() {
        return get("version", VersionInfo.class);
    }

    public LedgerAnswer ledger() {
        return get("ledger", LedgerAnswer.class);
    }

    public JoinAnswer join(String account) {
        return post("join", new JoinRequest(account), JoinAnswer.class);
    }

    // -------------------------------------------------------------------------------------------- nodes

    public List<NodeView> nodes() {
        return get("nodes", NODES);
    }

    public NodeView node(String uid) {
        return get("nodes/" + segment(uid), NodeView.class);
    }

    /** Registers an SL, SWOP or SWCI under this SN, or updates its endpoint. */
    public NodeView register(NodeRequest node) {
        return post("nodes", node, NodeView.class);
    }

    public void heartbeat(String uid) {
        post("nodes/" + segment(uid) + "/heartbeat", null, Void.class);
    }

    public void deregister(String uid) {
        send(request("nodes/" + segment(uid)).DELETE(), Void.class);
    }

    // -------------------------------------------------------------------------------------------- training contracts

    public List<DirectoryEntry> contracts() {
        return get("contracts", ENTRIES);
    }

    /** @param leaderTimeoutSeconds null for the reference default (600) */
    public ContractInfo createContract(String name, Long leaderTimeoutSeconds) {
        return post("contracts", new ContractRequest(name, leaderTimeoutSeconds), ContractInfo.class);
    }

    public ContractInfo contract(String name) {
        return get("contracts/" + segment(name), ContractInfo.class);
    }

    public ContractStatus contractStatus(String name) {
        return get("contracts/" + segment(name) + "/status", ContractStatus.class);
    }

    public ContractInfo resetContract(String name) {
        return post("contracts/" + segment(name) + "/reset", null, ContractInfo.class);
    }

    // -------------------------------------------------------------------------------------------- training rounds

    /** Enrolls a node (an SL); the first enrollment fixes the training's ML context hash and minPeers. */
    public ContractInfo enroll(String contract, String uid, String contextHash, int minPeers, boolean eligibleLeader) {
        return post("contracts/" + segment(contract) + "/enroll",
                new EnrollRequest(uid, contextHash, minPeers, eligibleLeader), ContractInfo.class);
    }

    /** One round of the contract's current training: leader, freeze, participants, check-ins, merged hash. */
    public RoundInfo round(String contract, long round) {
        return get(roundPath(contract, round), RoundInfo.class);
    }

    /**
     * Checks a node in for a round; returns the round it was recorded for: {@code round}, or {@code round + 1} when
     * the round was already frozen (a late check-in).
     */
    public long checkin(String contract, long round, String uid, String paramHash, int weight) {
        CheckinAnswer answer = post(roundPath(contract, round) + "/checkin", new CheckinRequest(uid, paramHash, weight),
                CheckinAnswer.class);
        return answer.round();
    }

    /** The leader freezes the round's participants (uids, in merge order, itself among them). */
    public RoundInfo freeze(String contract, long round, String leaderUid, List<String> participants) {
        return post(roundPath(contract, round) + "/freeze", new FreezeRequest(leaderUid, participants),
                RoundInfo.class);
    }

    /** The leader publishes the merged model's SHA-256 of a frozen round; the next round becomes current. */
    public RoundInfo publishMerged(String contract, long round, String leaderUid, String mergedHash) {
        return post(roundPath(contract, round) + "/merged", new MergedRequest(leaderUid, mergedHash), RoundInfo.class);
    }

    /** A participant replaces the round's leader as it stands now, once its deadline passed. */
    public RoundInfo failover(String contract, long round, String uid) {
        return failover(contract, round, uid, null);
    }

    /**
     * A participant replaces {@code failedLeader} (the leader it saw miss its deadline); when that one was already
     * replaced, nothing changes, so a resend after a lost answer is safe.
     */
    public RoundInfo failover(String contract, long round, String uid, String failedLeader) {
        return post(roundPath(contract, round) + "/failover", new FailoverRequest(uid, failedLeader), RoundInfo.class);
    }

    /** Records a node's latest performance data (PERFDATA). */
    public void reportPerf(String contract, String uid, PerfData perf) {
        Objects.requireNonNull(perf, "perf");
        post("contracts/" + segment(contract) + "/perf", new PerfRequest(uid, perf.round(), perf.loss(),
                perf.metric(), perf.epochsDone(), perf.totalEpochs()), Void.class);
    }

    /** A node ends its training ({@code checkinModelOnTrainEnd}). */
    public void checkout(String contract, String uid, CheckoutMode mode) {
        Objects.requireNonNull(mode, "mode");
        post("contracts/" + segment(contract) + "/checkout", new CheckoutRequest(uid, mode.name()), Void.class);
    }

    private static String roundPath(String contract, long round) {
        return "contracts/" + segment(contract) + "/rounds/" + round;
    }

    // -------------------------------------------------------------------------------------------- tasks

    public List<String> tasks() {
        return get("tasks", NAMES);
    }

    public TaskInfo createTask(TaskRequest task) {
        return post("tasks", task, TaskInfo.class);
    }

    /** @param from index of the first line, so that a resend after a lost answer changes nothing; null appends */
    public TaskInfo appendTaskBody(String name, List<String> lines, Long from) {
        return post("tasks/" + segment(name) + "/body", new BodyRequest(lines, from), TaskInfo.class);
    }

    public TaskInfo finalizeTask(String name) {
        return post("tasks/" + segment(name) + "/finalize", null, TaskInfo.class);
    }

    public void deleteTask(String name) {
        send(request("tasks/" + segment(name)).DELETE(), Void.class);
    }

    public TaskInfo task(String name) {
        return get("tasks/" + segment(name), TaskInfo.class);
    }

    public List<String> taskBody(String name) {
        TaskBody body = get("tasks/" + segment(name) + "/body", TaskBody.class);
        return body.lines();
    }

    // -------------------------------------------------------------------------------------------- taskrunners

    public List<DirectoryEntry> taskRunners() {
        return get("taskrunners", ENTRIES);
    }

    public TaskRunnerStatus createTaskRunner(String name) {
        return post("taskrunners", new RunnerRequest(name), TaskRunnerStatus.class);
    }

    public TaskRunnerStatus taskRunner(String name) {
        return get("taskrunners/" + segment(name), TaskRunnerStatus.class);
    }

    public TaskRunnerStatus assign(String runner, AssignRequest assignment) {
        return post("taskrunners/" + segment(runner) + "/assign", assignment, TaskRunnerStatus.class);
    }

    public void enrollSwop(String runner, String swopUid) {
        post("taskrunners/" + segment(runner) + "/swops", new SwopRequest(swopUid), Void.class);
    }

    /** Claims peer slots of the current assignment for the {@code pairs} this SWOP runs (1 but for RUN_SWARM). */
    public void claim(String runner, String swopUid, int pairs) {
        post("taskrunners/" + segment(runner) + "/claim", new ClaimRequest(swopUid, pairs), Void.class);
    }

    public void peerStatus(String runner, String swopUid, String status, String description) {
        post("taskrunners/" + segment(runner) + "/peers/" + segment(swopUid) + "/status",
                new PeerStatusRequest(status, description), Void.class);
    }

    public TaskRunnerStatus resetTaskRunner(String runner) {
        return post("taskrunners/" + segment(runner) + "/reset", null, TaskRunnerStatus.class);
    }

    // -------------------------------------------------------------------------------------------- plumbing

    private static String segment(String value) {
        if (value == null || value.isEmpty())
            throw SwarmException.badRequest("A name or uid is required");
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (token != null)
            request.header(TokenGuard.HEADER, token);
        return request;
    }

    private <T> T get(String path, Type type) {
        return send(request(path).GET(), type);
    }

    private <T> T post(String path, Object body, Type type) {
        HttpRequest.Builder request = request(path);
        if (body == null)
            request.POST(HttpRequest.BodyPublishers.noBody());
        else
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.gson().toJson(body)));
        return send(request, type);
    }

    private <T> T send(HttpRequest.Builder request, Type type) {
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = http.send(built, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Unable to contact API-Server at " + base + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Interrupted while calling the SN at " + base, e);
        }
        if (response.statusCode() / 100 != 2)
            throw failure(built, response);
        if (type == Void.class || response.body().isEmpty())
            return null;
        return Json.gson().fromJson(response.body(), type);
    }

    private SwarmException failure(HttpRequest request, HttpResponse<String> response) {
        ErrorBody error;
        try {
            error = Json.gson().fromJson(response.body(), ErrorBody.class);
        } catch (RuntimeException notJson) {
            error = null;
        }
        if (error != null && error.error() != null)
            return error.toException();
        return new SwarmException(ErrorCode.UNAVAILABLE, request.method() + " " + request.uri() + " answered "
                + response.statusCode() + " without an OpenSwarm error body: is " + base + " an SN?");
    }
}
