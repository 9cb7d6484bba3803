package org.openswarm.sn.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.api.sn.SnRequests.CheckinAnswer;
import org.openswarm.api.sn.SnRequests.CheckinRequest;
import org.openswarm.api.sn.SnRequests.CheckoutRequest;
import org.openswarm.api.sn.SnRequests.EnrollRequest;
import org.openswarm.api.sn.SnRequests.FailoverRequest;
import org.openswarm.api.sn.SnRequests.FreezeRequest;
import org.openswarm.api.sn.SnRequests.MergedRequest;
import org.openswarm.api.sn.SnRequests.PerfRequest;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TokenGuard;

/**
 * The training-round routes of the SN API (docs/sn-api.md, "Training rounds"): how an SL enrolls, checks in, freezes,
 * publishes, fails over, reports PERFDATA and checks out on a training contract. Every route needs the join token;
 * while the ledger is not up they answer 503. Malformed input is a 400 before anything is sent; the contract's
 * refusals are 409 with its revert reason. Every write is idempotent (a replay with the same data is a no-op).
 */
final class SnRoundRoutes {
    private static final Pattern HASH = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    private static final Pattern ROUND = Pattern.compile("[0-9]{1,19}");
    private static final long MAX_UINT32 = 0xFFFFFFFFL;
    /** Participants of one freeze; each costs gas, and a swarm is far smaller. */
    static final int MAX_PARTICIPANTS = 1000;

    private final Supplier<Ledger> ledger;

    SnRoundRoutes(Supplier<Ledger> ledger) {
        this.ledger = ledger;
    }

    Routes addTo(Routes routes, TokenGuard guard) {
        return routes
                .post("/contracts/{name}/enroll", guard.protect(this::enroll))
                .get("/contracts/{name}/rounds/{round}", guard.protect(this::roundInfo))
                .post("/contracts/{name}/rounds/{round}/checkin", guard.protect(this::checkin))
                .post("/contracts/{name}/rounds/{round}/freeze", guard.protect(this::freeze))
                .post("/contracts/{name}/rounds/{round}/merged", guard.protect(this::merged))
                .post("/contracts/{name}/rounds/{round}/failover", guard.protect(this::failover))
                .post("/contracts/{name}/perf", guard.protect(this::perf))
                .post("/contracts/{name}/checkout", guard.protect(this::checkout));
    }

    private Reply enroll(RestRequest request) {
        String name = name(request);
        EnrollRequest body = request.bodyJson(EnrollRequest.class);
        String uid = requireUid("uid", body.uid());
        String context = requireHash("contextHash", body.contextHash());
        if (body.minPeers() == null || body.minPeers() < 1 || body.minPeers() > 65535)
            throw SwarmException.badRequest("minPeers is required, within 1..65535, was " + body.minPeers());
        if (body.eligibleLeader() == null)
            throw SwarmException.badRequest("eligibleLeader is required (true or false)");
        TrainingContracts contracts = contracts();
        contracts.enroll(name, uid, context, body.minPeers(), body.eligibleLeader());
        return Reply.json(contracts.info(name));
    }

    private Reply roundInfo(RestRequest request) {
        String name = name(request);
        return Reply.json(contracts().round(name, roundOf(request)));
    }

    private Reply checkin(RestRequest request) {
        String name = name(request);
        long round = roundOf(request);
        CheckinRequest body = request.bodyJson(CheckinRequest.class);
        String uid = requireUid("uid", body.uid());
        String hash = requireHash("paramHash", body.paramHash());
        if (body.weight() == null || body.weight() < 1 || body.weight() > 100)
            throw SwarmException.badRequest("weight is required, within 1..100, was " + body.weight());
        return Reply.json(new CheckinAnswer(contracts().checkin(name, uid, round, hash, body.weight())));
    }

    private Reply freeze(RestRequest request) {
        String name = name(request);
        long round = roundOf(request);
        FreezeRequest body = request.bodyJson(FreezeRequest.class);
        String leader = requireUid("uid", body.uid());
        List<String> participants = body.participants();
        if (participants == null || participants.isEmpty())
            throw SwarmException.badRequest("participants is required: the uids of the round's participants, in merge "
                    + "order, the leader among them");
        if (participants.size() > MAX_PARTICIPANTS)
            throw SwarmException.badRequest("at most " + MAX_PARTICIPANTS + " participants, were "
                    + participants.size());
        Set<String> seen = new HashSet<>();
        List<String> uids = new java.util.ArrayList<>(participants.size());
        for (int i = 0; i < participants.size(); i++) {
            String p = requireUid("participants[" + i + "]", participants.get(i));
            if (!seen.add(p))
                throw SwarmException.badRequest("participants[" + i + "] is a duplicate: " + p);
            uids.add(p);
        }
        TrainingContracts contracts = contracts();
        contracts.freeze(name, leader, round, uids);
        return Reply.json(contracts.round(name, round));
    }

    private Reply merged(RestRequest request) {
        String name = name(request);
        long round = roundOf(request);
        MergedRequest body = request.bodyJson(MergedRequest.class);
        String leader = requireUid("uid", body.uid());
        String hash = requireHash("mergedHash", body.mergedHash());
        TrainingContracts contracts = contracts();
        contracts.publishMerged(name, leader, round, hash);
        return Reply.json(contracts.round(name, round));
    }

    private Reply failover(RestRequest request) {
        String name = name(request);
        long round = roundOf(request);
        FailoverRequest body = request.bodyJson(FailoverRequest.class);
        String uid = requireUid("uid", body.uid());
        TrainingContracts contracts = contracts();
        if (body.leader() == null)
            contracts.failover(name, uid, round);
        else
            contracts.failover(name, uid, round, requireUid("leader", body.leader()));
        return Reply.json(contracts.round(name, round));
    }

    private Reply perf(RestRequest request) {
        String name = name(request);
        PerfRequest body = request.bodyJson(PerfRequest.class);
        String uid = requireUid("uid", body.uid());
        if (body.round() == null || body.round() < 0)
            throw SwarmException.badRequest("round is required, 0 or more, was " + body.round());
        if (body.loss() == null || !Double.isFinite(body.loss()))
            throw SwarmException.badRequest("loss is required, a finite number, was " + body.loss());
        if (body.metric() == null || !Double.isFinite(body.metric()))
            throw SwarmException.badRequest("metric is required, a finite number, was " + body.metric());
        if (body.totalEpochs() == null || body.totalEpochs() < 0 || body.totalEpochs() > MAX_UINT32)
            throw SwarmException.badRequest("totalEpochs is required, within 0.." + MAX_UINT32 + ", was "
                    + body.totalEpochs());
        if (body.epochsDone() == null || body.epochsDone() < 0 || body.epochsDone() > body.totalEpochs())
            throw SwarmException.badRequest("epochsDone is required, within 0..totalEpochs, was " + body.epochsDone());
        contracts().reportPerf(name, uid, new PerfData(body.round(), body.loss(), body.metric(), body.epochsDone(),
                body.totalEpochs()));
        return Reply.noContent();
    }

    private Reply checkout(RestRequest request) {
        String name = name(request);
        CheckoutRequest body = request.bodyJson(CheckoutRequest.class);
        String uid = requireUid("uid", body.uid());
        CheckoutMode mode = SnContractRoutes.parse(CheckoutMode.class, "mode", body.mode());
        contracts().checkout(name, uid, mode);
        return Reply.noContent();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private TrainingContracts contracts() {
        Ledger current = ledger.get();
        if (current == null)
            throw new SwarmException(ErrorCode.UNAVAILABLE, "The ledger is not ready yet; the SN log says why");
        return current.contracts();
    }

    private static String name(RestRequest request) {
        return SnContractRoutes.requireName("name", request.pathParam("name"));
    }

    /** The path's {round}: a positive integer. */
    static long roundOf(RestRequest request) {
        String value = request.pathParam("round");
        if (value == null || !ROUND.matcher(value).matches())
            throw SwarmException.badRequest("round must be a positive integer, was '" + value + "'");
        long round;
        try {
            round = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw SwarmException.badRequest("round is out of range: '" + value + "'");
        }
        if (round < 1)
            throw SwarmException.badRequest("round must be a positive integer (rounds start at 1), was " + round);
        return round;
    }

    private static String requireUid(String field, String value) {
        return SnContractRoutes.requireUid(field, value);
    }

    /** 64 hex digits (a SHA-256), an optional 0x dropped; returned in lower case. */
    static String requireHash(String field, String value) {
        if (value == null || value.isBlank())
            throw SwarmException.badRequest(field + " is required (a SHA-256 as 64 hex digits)");
        if (!HASH.matcher(value).matches())
            throw SwarmException.badRequest(field + " is not a SHA-256 as 64 hex digits: '" + value + "'");
        return (value.startsWith("0x") ? value.substring(2) : value).toLowerCase(Locale.ROOT);
    }
}
