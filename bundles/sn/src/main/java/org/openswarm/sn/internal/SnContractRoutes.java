package org.openswarm.sn.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Assignment;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.TaskHeader;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.api.sn.SnRequests.AssignRequest;
import org.openswarm.api.sn.SnRequests.BodyRequest;
import org.openswarm.api.sn.SnRequests.ClaimRequest;
import org.openswarm.api.sn.SnRequests.ContractRequest;
import org.openswarm.api.sn.SnRequests.PeerStatusRequest;
import org.openswarm.api.sn.SnRequests.RunnerRequest;
import org.openswarm.api.sn.SnRequests.SwopRequest;
import org.openswarm.api.sn.SnRequests.TaskRequest;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TokenGuard;

/**
 * The training-contract, task and taskrunner routes of the SN API (docs/sn-api.md): how the SWCI, SWOPs and SLs reach
 * those contracts. Every route needs the join token; while the ledger is not up they answer 503. Names are path
 * segments of 1..160 bytes and may contain dots ({@code defaultbb.cqdb.sml.hpe}).
 */
final class SnContractRoutes {
    static final int MAX_TEXT = 160;
    /** Body lines per request; each is one transaction. */
    static final int MAX_LINES = 500;

    private final Supplier<Ledger> ledger;

    SnContractRoutes(Supplier<Ledger> ledger) {
        this.ledger = ledger;
    }

    Routes addTo(Routes routes, TokenGuard guard) {
        return routes
                .get("/contracts", guard.protect(r -> Reply.json(ledger().contracts().list())))
                .post("/contracts", guard.protect(this::createContract))
                .get("/contracts/{name}", guard.protect(r -> Reply.json(ledger().contracts().info(name(r)))))
                .get("/contracts/{name}/status", guard.protect(r -> Reply.json(ledger().contracts().status(name(r)))))
                .post("/contracts/{name}/reset", guard.protect(this::resetContract))

                .get("/tasks", guard.protect(r -> Reply.json(ledger().tasks().list())))
                .post("/tasks", guard.protect(this::createTask))
                .get("/tasks/{name}", guard.protect(r -> Reply.json(ledger().tasks().info(name(r)))))
                .delete("/tasks/{name}", guard.protect(this::deleteTask))
                .get("/tasks/{name}/body", guard.protect(this::taskBody))
                .post("/tasks/{name}/body", guard.protect(this::appendBody))
                .post("/tasks/{name}/finalize", guard.protect(this::finalizeTask))

                .get("/taskrunners", guard.protect(r -> Reply.json(ledger().taskRunners().list())))
                .post("/taskrunners", guard.protect(this::createRunner))
                .get("/taskrunners/{name}", guard.protect(r -> Reply.json(ledger().taskRunners().status(name(r)))))
                .post("/taskrunners/{name}/assign", guard.protect(this::assign))
                .post("/taskrunners/{name}/swops", guard.protect(this::enrollSwop))
                .post("/taskrunners/{name}/claim", guard.protect(this::claim))
                .post("/taskrunners/{name}/peers/{uid}/status", guard.protect(this::peerStatus))
                .post("/taskrunners/{name}/reset", guard.protect(this::resetRunner));
    }

    // ---------------------------------------------------------------------------------------- training contracts

    private Reply createContract(RestRequest request) {
        ContractRequest body = request.bodyJson(ContractRequest.class);
        String name = requireName("name", body.name());
        long timeout = body.leaderTimeoutSeconds() == null ? TrainingContracts.DEFAULT_LEADER_TIMEOUT_SECONDS
                : body.leaderTimeoutSeconds();
        if (timeout < 1)
            throw SwarmException.badRequest("leaderTimeoutSeconds must be at least 1, was " + timeout);
        return Reply.json(201, ledger().contracts().create(name, timeout));
    }

    private Reply resetContract(RestRequest request) {
        String name = name(request);
        Ledger current = ledger();
        current.contracts().reset(name);
        return Reply.json(current.contracts().info(name));
    }

    // ----------------------------------------------------------------------------------------------------- tasks

    private Reply createTask(RestRequest request) {
        TaskRequest body = request.bodyJson(TaskRequest.class);
        String name = requireName("name", body.name());
        TaskType type = parse(TaskType.class, "taskType", body.taskType());
        TaskHeader header = new TaskHeader(name, type, requireText("author", body.author()),
                requireText("prereq", body.prereq()), requireText("outcome", body.outcome()));
        Ledger current = ledger();
        current.tasks().create(header);
        return Reply.json(201, current.tasks().info(name));
    }

    private Reply appendBody(RestRequest request) {
        String name = name(request);
        BodyRequest body = request.bodyJson(BodyRequest.class);
        if (body.lines() == null || body.lines().isEmpty())
            throw SwarmException.badRequest("lines is required: a list of 1.." + MAX_LINES + " body lines");
        if (body.lines().size() > MAX_LINES)
            throw SwarmException.badRequest("at most " + MAX_LINES + " lines per request, were "
                    + body.lines().size());
        for (int i = 0; i < body.lines().size(); i++) {
            if (body.lines().get(i) == null)
                throw SwarmException.badRequest("lines[" + i + "] is null");
            requireText("lines[" + i + "]", body.lines().get(i));
        }
        if (body.from() != null && body.from() < 0)
            throw SwarmException.badRequest("from must be a line index (0 or more), was " + body.from());
        Ledger current = ledger();
        current.tasks().appendBody(name, body.from() == null ? -1 : body.from(), body.lines());
        return Reply.json(current.tasks().info(name));
    }

    private Reply finalizeTask(RestRequest request) {
        String name = name(request);
        Ledger current = ledger();
        current.tasks().finalize(name);
        return Reply.json(current.tasks().info(name));
    }

    private Reply deleteTask(RestRequest request) {
        ledger().tasks().delete(name(request));
        return Reply.noContent();
    }

    private Reply taskBody(RestRequest request) {
        String name = name(request);
        return Reply.json(Map.of("name", name, "lines", ledger().tasks().body(name)));
    }

    // ----------------------------------------------------------------------------------------------- taskrunners

    private Reply createRunner(RestRequest request) {
        RunnerRequest body = request.bodyJson(RunnerRequest.class);
        return Reply.json(201, ledger().taskRunners().create(requireName("name", body.name())));
    }

    private Reply assign(RestRequest request) {
        String runner = name(request);
        AssignRequest body = request.bodyJson(AssignRequest.class);
        String task = requireName("task", body.task());
        boolean all = Boolean.TRUE.equals(body.allPeers());
        boolean target = body.target() != null;
        boolean peers = body.peers() != null;
        if ((all ? 1 : 0) + (target ? 1 : 0) + (peers ? 1 : 0) != 1)
            throw SwarmException.badRequest("give exactly one of peers (a count), allPeers (true) or target (a SWOP uid)");
        Assignment assignment;
        if (peers) {
            if (body.peers() < 1 || body.peers() > 65535)
                throw SwarmException.badRequest("peers must be within 1..65535, was " + body.peers());
            assignment = Assignment.withPeers(task, body.peers());
        } else if (all) {
            assignment = Assignment.withAllPeers(task);
        } else {
            assignment = Assignment.targeting(task, requireUid("target", body.target()));
        }
        Ledger current = ledger();
        current.taskRunners().assign(runner, assignment);
        return Reply.json(current.taskRunners().status(runner));
    }

    private Reply enrollSwop(RestRequest request) {
        String runner = name(request);
        SwopRequest body = request.bodyJson(SwopRequest.class);
        ledger().taskRunners().enrollSwop(runner, requireUid("uid", body.uid()));
        return Reply.noContent();
    }

    private Reply claim(RestRequest request) {
        String runner = name(request);
        ClaimRequest body = request.bodyJson(ClaimRequest.class);
        int pairs = body.pairs() == null ? 1 : body.pairs();
        if (pairs < 1 || pairs > 65_535)
            throw SwarmException.badRequest("pairs must be 1..65535, got " + pairs);
        ledger().taskRunners().claim(runner, requireUid("uid", body.uid()), pairs);
        return Reply.noContent();
    }

    private Reply peerStatus(RestRequest request) {
        String runner = name(request);
        String uid = requireUid("uid", request.pathParam("uid"));
        PeerStatusRequest body = request.bodyJson(PeerStatusRequest.class);
        TaskState status = parse(TaskState.class, "status", body.status());
        ledger().taskRunners().updatePeerStatus(runner, uid, status, requireText("description", body.description()));
        return Reply.noContent();
    }

    private Reply resetRunner(RestRequest request) {
        String runner = name(request);
        Ledger current = ledger();
        current.taskRunners().reset(runner);
        return Reply.json(current.taskRunners().status(runner));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private Ledger ledger() {
        Ledger current = ledger.get();
        if (current == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The ledger is not ready yet; the SN log says why");
        return current;
    }

    private static String name(RestRequest request) {
        return requireName("name", request.pathParam("name"));
    }

    static String requireName(String field, String value) {
        if (value == null || value.isBlank())
            throw SwarmException.badRequest(field + " is required (1.." + MAX_TEXT + " bytes)");
        return requireText(field, value);
    }

    /** Null becomes empty; more than {@value #MAX_TEXT} bytes of UTF-8 is refused. */
    static String requireText(String field, String value) {
        if (value == null)
            return "";
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT)
            throw SwarmException.badRequest(field + " is too long (max " + MAX_TEXT + " bytes)");
        return value;
    }

    static String requireUid(String field, String value) {
        if (value == null || value.isBlank())
            throw SwarmException.badRequest(field + " is required (a node uid)");
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw SwarmException.badRequest(field + " is not a node uid: '" + value + "'");
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank())
            throw SwarmException.badRequest(field + " is required, one of " + List.of(type.getEnumConstants()));
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SwarmException.badRequest(field + " must be one of " + List.of(type.getEnumConstants()) + ", was '"
                    + value + "'");
        }
    }
}
