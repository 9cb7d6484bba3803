package org.openswarm.sl.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.http.Reply;
import org.openswarm.common.http.RestRequest;
import org.openswarm.common.http.Routes;
import org.openswarm.common.http.TokenGuard;

/** The local ML API (docs/ml-api.md) over an SL's {@link Sessions}. */
final class MlApiRoutes {
    static final String OCTET_STREAM = "application/octet-stream";
    static final int MAX_WAIT_SECONDS = 300;
    static final int DEFAULT_WAIT_SECONDS = 60;

    private final SlRuntime sl;

    MlApiRoutes(SlRuntime sl) {
        this.sl = sl;
    }

    /** Metrics body of {@code POST /v1/sessions/{id}/metrics}. */
    record MetricsRequest(Integer seq, Double loss, Double metric, Long epochsDone, Long totalEpochs) {
    }

    Routes routes(TokenGuard guard) {
        return new Routes()
                .get("/v1/ping", r -> Reply.json(Map.of("sl", sl.name(), "uid", sl.uid(), "apiVersion", 1)))
                .get("/v1/status", guard.protect(r -> Reply.json(sl.status())))
                .post("/v1/sessions", guard.protect(this::open))
                .get("/v1/sessions/{id}", guard.protect(r -> Reply.json(sessionStatus(session(r)))))
                .delete("/v1/sessions/{id}", guard.protect(this::abort))
                .put("/v1/sessions/{id}/syncs/{seq}", guard.protect(this::putSync))
                .get("/v1/sessions/{id}/syncs/{seq}", guard.protect(this::getSync))
                .post("/v1/sessions/{id}/metrics", guard.protect(this::metrics))
                .put("/v1/sessions/{id}/close", guard.protect(this::close))
                .get("/v1/sessions/{id}/final", guard.protect(this::getFinal));
    }

    private Reply open(RestRequest request) {
        SessionParams.OpenRequest body = request.bodyJson(SessionParams.OpenRequest.class);
        Session session = sl.open(body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionId", session.id());
        answer.put("uid", sl.uid());
        answer.put("trainingContract", session.params().contract());
        answer.put("round", sl.currentRound(session));
        answer.put("syncInterval", session.syncInterval());
        answer.put("resumed", session.resumed());
        return Reply.json(201, answer);
    }

    private Reply putSync(RestRequest request) {
        Session session = session(request);
        int seq = seq(request);
        requireOctetStream(request);
        SyncJob job = session.submitSync(seq, request.bodyStream(), longQuery(request, "epochsDone", -1));
        return Reply.json(202, Map.of("seq", seq, "round", job.round(), "state", job.state()));
    }

    private Reply getSync(RestRequest request) {
        Session session = session(request);
        int seq = seq(request);
        SyncJob job = session.sync(seq).orElseThrow(() -> SwarmException.notFound("Session " + session.id()
                + " has no sync " + seq + " (only the latest two are kept)"));
        return await(job, request, session);
    }

    private Reply metrics(RestRequest request) {
        Session session = session(request);
        MetricsRequest body = request.bodyJson(MetricsRequest.class);
        if (body.seq() == null || body.seq() < 1)
            throw SwarmException.badRequest("seq is required: the sync whose merged model was evaluated");
        if (body.loss() == null || !Double.isFinite(body.loss()))
            throw SwarmException.badRequest("loss is required and must be a finite number");
        double metric = body.metric() == null ? 0 : body.metric();
        if (!Double.isFinite(metric))
            throw SwarmException.badRequest("metric must be a finite number");
        long done = body.epochsDone() == null ? -1 : body.epochsDone();
        long total = body.totalEpochs() == null ? 0 : body.totalEpochs();
        if (body.epochsDone() != null && done < 0 || total < 0)
            throw SwarmException.badRequest("epochsDone and totalEpochs must be 0 or more");
        if (body.epochsDone() != null && body.totalEpochs() != null && total > 0 && done > total)
            throw SwarmException.badRequest("epochsDone (" + done + ") exceeds totalEpochs (" + total + ")");
        session.metrics(body.seq(), body.loss(), metric, done, total);
        return Reply.noContent();
    }

    private Reply close(RestRequest request) {
        Session session = session(request);
        long length = request.header("Content-Length").map(Long::parseLong).orElse(-1L);
        boolean hasBody = length != 0;
        if (hasBody)
            requireOctetStream(request);
        SyncJob job = session.submitClose(request.bodyStream(), hasBody, longQuery(request, "epochsDone", -1));
        return Reply.json(202, Map.of("state", job.isDone() ? "CLOSED" : "CLOSING"));
    }

    private Reply getFinal(RestRequest request) {
        Session session = session(request);
        SyncJob job = session.closeJob().orElseThrow(() -> new SwarmException(ErrorCode.CONFLICT, "Session "
                + session.id() + " is not closed yet: PUT /v1/sessions/" + session.id() + "/close first"));
        return await(job, request, session);
    }

    private Reply abort(RestRequest request) {
        session(request).abort();
        return Reply.noContent();
    }

    /** The long poll: the model when ready, a status after {@code wait} seconds otherwise. */
    private Reply await(SyncJob job, RestRequest request, Session session) {
        long wait = longQuery(request, "wait", DEFAULT_WAIT_SECONDS);
        if (wait < 0 || wait > MAX_WAIT_SECONDS)
            throw SwarmException.badRequest("wait must be within 0.." + MAX_WAIT_SECONDS + " seconds, was " + wait);
        // A poll always answers before the connection's idle timeout, so no timeout ends a legitimate wait.
        SyncJob.Result result = job.await(Math.min(wait * 1000, sl.maxPollMillis()));
        if (result == null) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("seq", job.seq() == Integer.MAX_VALUE ? null : job.seq());
            status.put("round", job.round());
            status.put("state", job.state());
            status.put("detail", job.detail());
            return Reply.json(202, status);
        }
        return Reply.file(200, OCTET_STREAM, result.model().file())
                .header("X-Swarm-Round", Long.toString(result.round()))
                .header("X-Swarm-Next-Sync-Interval", Integer.toString(result.nextInterval()))
                .header("X-Swarm-Training-Over", Boolean.toString(result.trainingOver()))
                .header("X-Swarm-Contributed", Boolean.toString(result.contributed()))
                .header(PeerFetcher.HASH_HEADER, result.model().sha256());
    }

    private Session session(RestRequest request) {
        return sl.session(request.pathParam("id"));
    }

    static Map<String, Object> sessionStatus(Session session) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("sessionId", session.id());
        status.put("trainingContract", session.params().contract());
        status.put("state", session.state());
        status.put("round", session.modelRound());
        status.put("lastMergedRound", session.modelRound());
        status.put("detail", session.detail());
        status.put("syncInterval", session.syncInterval());
        status.put("closed", session.closed());
        return status;
    }

    private static int seq(RestRequest request) {
        String text = request.pathParam("seq");
        try {
            int seq = Integer.parseInt(text);
            if (seq < 1)
                throw new NumberFormatException();
            return seq;
        } catch (NumberFormatException e) {
            throw SwarmException.badRequest("The sync number must be a positive integer, was '" + text + "'");
        }
    }

    private static long longQuery(RestRequest request, String name, long fallback) {
        String text = request.query(name).orElse(null);
        if (text == null || text.isBlank())
            return fallback;
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw SwarmException.badRequest(name + " must be an integer, was '" + text + "'");
        }
    }

    private static void requireOctetStream(RestRequest request) {
        String type = request.header("Content-Type").orElse(OCTET_STREAM);
        if (!type.toLowerCase().startsWith(OCTET_STREAM))
            throw new SwarmException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Parameters travel as safetensors with "
                    + "Content-Type " + OCTET_STREAM + ", not " + type);
    }
}
