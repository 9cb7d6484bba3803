package org.openswarm.client.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openswarm.client.Evaluation;
import org.openswarm.client.SwarmError;
import org.openswarm.common.json.Json;

/**
 * The SL's ML API over HTTP (docs/ml-api.md): JSON and safetensors bodies, the bearer token, long polls whose read
 * timeout is the poll's wait plus 30 s, and retries of {@code 503} and lost connections with a doubling back-off. A
 * retried sync PUT repeats the same sequence number and body, which the SL answers without checking in twice.
 */
public final class HttpBackend implements SwarmBackend {
    private static final String OCTETS = "application/octet-stream";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Upper bound for a request that carries a model: large models over a busy loopback still fit. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final URI base;
    private final String token;
    private final Logger log;
    private final RetryPolicy retry;
    private final int waitSeconds;
    private final HttpClient http;
    private String sessionId;
    private CallbackParameters opened;
    /** Client sync numbers run on across sessions; the SL's start at 1 in each session. */
    private int seqBase;
    private byte[] closedWith;
    private int closedEpochs;

    /** The SL no longer knows our session: it restarted (its sessions live in memory). */
    private static final class SessionLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionLost(String message) {
            super(message, null, false, false);
        }
    }

    public HttpBackend(String baseUrl, String token, Logger log, RetryPolicy retry, int waitSeconds) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(url);
        this.token = token;
        this.log = log;
        this.retry = retry;
        this.waitSeconds = waitSeconds;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    @Override
    public SessionInfo open(CallbackParameters p) {
        JsonObject body = new JsonObject();
        body.addProperty("syncFrequency", p.syncFrequency());
        body.addProperty("minPeers", p.minPeers());
        body.addProperty("maxPeers", p.maxPeers());
        body.addProperty("trainingContract", p.trainingContract());
        body.addProperty("useAdaptiveSync", p.useAdaptiveSync());
        body.addProperty("checkinModelOnTrainEnd", p.checkinModelOnTrainEnd());
        body.addProperty("nodeWeightage", p.nodeWeightage());
        body.addProperty("mergeMethod", p.mergeMethod());
        JsonObject mergeParams = new JsonObject();
        p.mergeParams().forEach(mergeParams::addProperty);
        body.add("mergeParams", mergeParams);
        body.addProperty("totalEpochs", p.totalEpochs());
        body.addProperty("program", p.program());
        if (p.modelDir() != null) {
            body.addProperty("modelDir", p.modelDir());
        }
        body.addProperty("platform", p.platform());
        HttpResponse<byte[]> response = call("Init", json(request("/v1/sessions"), "POST", body), 201, false);
        JsonObject answer = parse(response);
        sessionId = answer.get("sessionId").getAsString();
        opened = p;
        return new SessionInfo(sessionId, string(answer, "uid"), string(answer, "trainingContract"),
                answer.has("round") ? answer.get("round").getAsLong() : 0,
                answer.has("syncInterval") ? answer.get("syncInterval").getAsInt() : 0,
                answer.has("resumed") && answer.get("resumed").getAsBoolean());
    }

    @Override
    public MergedModel sync(int seq, byte[] parameters, int epochsDone) {
        while (true) {
            String path = session() + "/syncs/" + (seq - seqBase);
            try {
                call("Sync", request(path + "?epochsDone=" + epochsDone).header("Content-Type", OCTETS)
                        .timeout(UPLOAD_TIMEOUT).PUT(HttpRequest.BodyPublishers.ofByteArray(parameters)), 202, false);
                return poll("Sync", path);
            } catch (SessionLost lost) {
                // The new session's first sync answers with the latest merged model: the node rejoins from it.
                reopen(lost);
                seqBase = seq - 1;
            }
        }
    }

    /** Opens a new session with the same parameters after the SL lost ours (it restarted). */
    private void reopen(SessionLost lost) {
        log.warning(() -> "The SL lost this node's session (" + lost.getMessage() + "): it restarted. Opening a new "
                + "session; this node rejoins from the latest merged model");
        open(opened);
    }

    @Override
    public void metrics(int seq, Evaluation evaluation, int epochsDone, int totalEpochs) {
        JsonObject body = new JsonObject();
        body.addProperty("loss", evaluation.loss());
        body.addProperty("metric", evaluation.metric());
        body.addProperty("epochsDone", totalEpochs > 0 ? Math.min(epochsDone, totalEpochs) : epochsDone);
        if (totalEpochs > 0) {
            body.addProperty("totalEpochs", totalEpochs);
        }
        body.addProperty("seq", seq - seqBase);
        try {
            call("Metrics", json(request(session() + "/metrics"), "POST", body), 204, false);
        } catch (SessionLost lost) {
            log.warning(() -> "Metrics of sync " + seq + " not recorded: the SL lost this node's session");
        }
    }

    @Override
    public void close(byte[] parameters, int epochsDone) {
        closedWith = parameters;
        closedEpochs = epochsDone;
        while (true) {
            try {
                call("End", request(session() + "/close?epochsDone=" + epochsDone).header("Content-Type", OCTETS)
                        .timeout(UPLOAD_TIMEOUT).PUT(HttpRequest.BodyPublishers.ofByteArray(parameters)), 202, false);
                return;
            } catch (SessionLost lost) {
                reopen(lost);
            }
        }
    }

    @Override
    public MergedModel finalModel() {
        while (true) {
            try {
                return poll("End", session() + "/final");
            } catch (SessionLost lost) {
                reopen(lost);
                close(closedWith, closedEpochs);
            }
        }
    }

    @Override
    public void abort() {
        if (sessionId != null) {
            call("Abort", request(session()).DELETE(), 204, false);
        }
    }

    /**
     * GETs a long poll until it answers 200. A 202 status is logged when its state changes: at FINE for the first
     * poll (most rounds wait a moment for their peers), at INFO once a poll has waited its full time.
     */
    private MergedModel poll(String what, String path) {
        String lastState = null;
        int polls = 0;
        while (true) {
            polls++;
            HttpResponse<byte[]> response = call(what, request(path + "?wait=" + waitSeconds)
                    .timeout(pollTimeout()).GET(), 200, true);
            if (response.statusCode() == 200) {
                return merged(what, response);
            }
            JsonObject status = parse(response);
            String state = string(status, "state");
            if (state == null || !state.equals(lastState) || polls == 2) {
                log.log(polls >= 2 ? Level.INFO : Level.FINE, () -> "Waiting for the merged model: " + state
                        + Optional.ofNullable(string(status, "detail")).map(d -> " (" + d + ")").orElse(""));
                lastState = state;
            }
        }
    }

    private static MergedModel merged(String what, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        Optional<String> sha = response.headers().firstValue("X-Swarm-Sha256");
        if (sha.isPresent() && !sha.get().equalsIgnoreCase(sha256(body))) {
            throw new SwarmError(what + " Swarm call to SL failed - the merged model's SHA-256 " + sha256(body)
                    + " differs from X-Swarm-Sha256 " + sha.get());
        }
        long round = response.headers().firstValue("X-Swarm-Round").map(Long::parseLong).orElse(0L);
        int next = response.headers().firstValue("X-Swarm-Next-Sync-Interval").map(Integer::parseInt).orElse(0);
        boolean over = response.headers().firstValue("X-Swarm-Training-Over").map(Boolean::parseBoolean)
                .orElse(false);
        boolean contributed = response.headers().firstValue("X-Swarm-Contributed").map(Boolean::parseBoolean)
                .orElse(true);
        return new MergedModel(body, round, next, over, contributed);
    }

    /**
     * Sends until the SL answers something other than {@code 503}: connection failures are retried without limit for
     * waits and {@link RetryPolicy#connectAttempts()} times otherwise. Any status other than {@code expected} (and
     * 202 for waits) is raised with the SL's message.
     */
    private HttpResponse<byte[]> call(String what, HttpRequest.Builder builder, int expected, boolean wait) {
        HttpRequest request = builder.build();
        Duration delay = retry.initialDelay();
        int failedConnects = 0;
        while (true) {
            String reason;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == expected || (wait && status == 202)) {
                    return response;
                }
                if (status == 404 && sessionId != null && request.uri().getPath().startsWith("/v1/sessions/")
                        && errorText(response).contains("Unknown session")) {
                    throw new SessionLost(errorText(response));
                }
                if (status != 503) {
                    throw new SwarmError(what + " Swarm call to SL failed - " + request.method() + " "
                            + request.uri().getPath() + " answered " + status + ": " + errorText(response));
                }
                reason = "SL unavailable (503): " + errorText(response);
            } catch (IOException e) {
                failedConnects++;
                reason = "no answer from the SL at " + base + " (" + e + ")";
                if (!wait && failedConnects >= retry.connectAttempts()) {
                    throw new SwarmError(what + " Swarm call to SL failed - " + reason + " after " + failedConnects
                            + " tries; is the SL running and SWARM_SL_URL right?", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmError(what + " Swarm call to SL interrupted", e);
            }
            final String why = reason;
            final Duration pause = delay;
            log.log(Level.WARNING, () -> what + " call: " + why + "; retrying in " + pause.toMillis() + " ms");
            sleep(delay);
            delay = retry.next(delay);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(pollTimeout());
    }

    /** A poll answers within its wait; the margin covers a busy SL (up to 30 s, at least 5 s). */
    private Duration pollTimeout() {
        return Duration.ofSeconds(waitSeconds + Math.max(5, Math.min(30, waitSeconds)));
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String method, JsonObject body) {
        return builder.header("Content-Type", "application/json").method(method,
                HttpRequest.BodyPublishers.ofString(Json.gson().toJson(body), StandardCharsets.UTF_8));
    }

    private String session() {
        if (sessionId == null) {
            throw new SwarmError("no Swarm session: onTrainBegin has not opened one");
        }
        return "/v1/sessions/" + sessionId;
    }

    private static JsonObject parse(HttpResponse<byte[]> response) {
        try {
            JsonElement element = JsonParser.parseString(new String(response.body(), StandardCharsets.UTF_8));
            return element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    /** {@code CODE: message} from the error body, or the raw body when it is not the documented JSON. */
    private static String errorText(HttpResponse<byte[]> response) {
        JsonObject error = parse(response);
        if (error.has("message")) {
            return (error.has("error") ? error.get("error").getAsString() + ": " : "")
                    + error.get("message").getAsString();
        }
        String raw = new String(response.body(), StandardCharsets.UTF_8).strip();
        return raw.isEmpty() ? "(no body)" : raw.substring(0, Math.min(raw.length(), 500));
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmError("interrupted while waiting to retry a Swarm call", e);
        }
    }
}
