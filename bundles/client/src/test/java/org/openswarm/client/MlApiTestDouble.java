package org.openswarm.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.openswarm.common.safetensors.Safetensors;
import org.openswarm.common.safetensors.Tensor;

/**
 * PROTOCOL TEST DOUBLE, not an SL: a minimal in-test server of docs/ml-api.md so the client's HTTP side can be tested
 * before the real SL exists. All sessions share one training: a sync seq merges (unweighted mean of F32 tensors) once
 * {@code minPeers} sessions handed it in; the final model is the mean of the close bodies once every session closed.
 * The first GET of every sync and of the final model answers 202, so each wait goes through the 202-then-200 path.
 * Faults are injected on request: 503 answers, and a PUT whose answer is lost after it was stored. A session on another
 * training contract starts a new training. Run as a program ({@link #main}) it also answers the SN's
 * {@code POST /contracts}, which lets examples/digits-java/run.sh be dry-run against a fake distribution.
 */
final class MlApiTestDouble implements AutoCloseable {
    static final String TOKEN = "test-token";

    final HttpServer server;
    final List<JsonObject> openRequests = new CopyOnWriteArrayList<>();
    final List<JsonObject> metrics = new CopyOnWriteArrayList<>();
    final List<String> requestLog = new CopyOnWriteArrayList<>();
    final AtomicInteger unavailableAnswers = new AtomicInteger();
    /** PUT syncs with this seq lose their first answer (stored, then the connection is dropped). */
    volatile int dropAnswerOfSeq = -1;
    volatile IntUnaryOperator nextInterval;

    private final int minPeers;
    private final AtomicInteger sessionCount = new AtomicInteger();
    private final Map<String, Map<Integer, byte[]>> syncs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> closes = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> merged = new ConcurrentHashMap<>();
    private final Map<String, Boolean> polledOnce = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    private String contract;

    MlApiTestDouble(int minPeers, int interval) throws IOException {
        this(minPeers, interval, 0);
    }

    MlApiTestDouble(int minPeers, int interval, int port) throws IOException {
        this.minPeers = minPeers;
        this.nextInterval = seq -> interval;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code port minPeers interval}: serves until killed. */
    public static void main(String[] args) throws IOException {
        MlApiTestDouble sl = new MlApiTestDouble(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[0]));
        System.out.println("ML API test double on " + sl.url());
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        requestLog.add(method + " " + path + (query == null ? "" : "?" + query));
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && !TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Swarm-Token"))) {
                error(exchange, 401, "UNAUTHORIZED", "no token, or the wrong one");
                return;
            }
            if (unavailableAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 503, "UNAVAILABLE", "the ledger cannot be reached now (test double)");
                return;
            }
            String[] parts = path.split("/");
            if (method.equals("POST") && path.equals("/contracts")) {
                json(exchange, 201, "{\"name\": \"created\"}");
            } else if (method.equals("POST") && path.equals("/v1/sessions")) {
                open(exchange, body);
            } else if (parts.length == 6 && parts[4].equals("syncs") && method.equals("PUT")) {
                putSync(exchange, parts[3], Integer.parseInt(parts[5]), body);
            } else if (parts.length == 6 && parts[4].equals("syncs") && method.equals("GET")) {
                getSync(exchange, parts[3], Integer.parseInt(parts[5]), waitSeconds(query));
            } else if (parts.length == 5 && parts[4].equals("metrics") && method.equals("POST")) {
                metrics.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
                exchange.sendResponseHeaders(204, -1);
            } else if (parts.length == 5 && parts[4].equals("close") && method.equals("PUT")) {
                synchronized (lock) {
                    closes.put(parts[3], body);
                    lock.notifyAll();
                }
                json(exchange, 202, "{\"state\": \"CLOSING\"}");
            } else if (parts.length == 5 && parts[4].equals("final") && method.equals("GET")) {
                getFinal(exchange, parts[3], waitSeconds(query));
            } else {
                error(exchange, 404, "NOT_FOUND", "no route " + method + " " + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void open(HttpExchange exchange, byte[] body) throws IOException {
        JsonObject request = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        if (request.get("nodeWeightage").getAsInt() > 100) {
            error(exchange, 400, "BAD_REQUEST", "nodeWeightage has to be 1..100");
            return;
        }
        if (request.get("trainingContract").getAsString().equals("conflict")) {
            error(exchange, 409, "CONFLICT", "node enrolled cannot change ML context");
            return;
        }
        openRequests.add(request);
        String id = "session-" + sessionCount.incrementAndGet();
        synchronized (lock) {
            String requested = request.get("trainingContract").getAsString();
            if (!requested.equals(contract)) {
                contract = requested;
                syncs.clear();
                closes.clear();
                merged.clear();
            }
            syncs.put(id, new ConcurrentHashMap<>());
        }
        json(exchange, 201, "{\"sessionId\": \"" + id + "\", \"uid\": \"uid-1\", \"trainingContract\": \""
                + request.get("trainingContract").getAsString() + "\", \"round\": 1, \"syncInterval\": "
                + request.get("syncFrequency").getAsInt() + ", \"resumed\": false}");
    }

    private void putSync(HttpExchange exchange, String session, int seq, byte[] body) throws IOException {
        Map<Integer, byte[]> mine = syncs.get(session);
        if (mine == null) {
            error(exchange, 404, "NOT_FOUND", "unknown session " + session);
            return;
        }
        synchronized (lock) {
            byte[] earlier = mine.get(seq);
            if (earlier != null && !java.util.Arrays.equals(earlier, body)) {
                error(exchange, 409, "CONFLICT", "a different body for sync " + seq + ", already accepted");
                return;
            }
            int expected = mine.size() + 1;
            if (earlier == null && seq != expected) {
                error(exchange, 409, "CONFLICT", "sync " + seq + " out of order; expected " + expected);
                return;
            }
            mine.put(seq, body);
            mergeIfQuorum(seq);
            lock.notifyAll();
        }
        if (seq == dropAnswerOfSeq) {
            dropAnswerOfSeq = -1;
            // The sync is stored; the answer is lost: close the connection without a response.
            throw new LostAnswer();
        }
        json(exchange, 202, "{\"seq\": " + seq + ", \"round\": " + seq + ", \"state\": \"CHECKED_IN\"}");
    }

    private void mergeIfQuorum(int seq) {
        List<byte[]> bodies = new ArrayList<>();
        for (Map<Integer, byte[]> session : syncs.values()) {
            if (session.containsKey(seq)) {
                bodies.add(session.get(seq));
            }
        }
        if (bodies.size() >= minPeers && !merged.containsKey(seq)) {
            merged.put(seq, mean(bodies));
        }
    }

    private void getSync(HttpExchange exchange, String session, int seq, int wait) throws IOException,
            InterruptedException {
        if (!syncs.containsKey(session) || !syncs.get(session).containsKey(seq)) {
            error(exchange, 404, "NOT_FOUND", "unknown sync " + seq);
            return;
        }
        byte[] model = awaitOrNull(() -> merged.get(seq), session + "/" + seq, wait);
        if (model == null) {
            json(exchange, 202, "{\"seq\": " + seq + ", \"round\": " + seq + ", \"state\": \"WAITING_FOR_QUORUM\","
                    + " \"detail\": \"waiting for minPeers " + minPeers + "\"}");
            return;
        }
        exchange.getResponseHeaders().add("X-Swarm-Round", String.valueOf(seq));
        exchange.getResponseHeaders().add("X-Swarm-Next-Sync-Interval", String.valueOf(nextInterval.applyAsInt(seq)));
        exchange.getResponseHeaders().add("X-Swarm-Training-Over", "false");
        exchange.getResponseHeaders().add("X-Swarm-Contributed", "true");
        model(exchange, model);
    }

    private void getFinal(HttpExchange exchange, String session, int wait) throws IOException, InterruptedException {
        byte[] model = awaitOrNull(() -> closes.size() == syncs.size() ? mean(List.copyOf(closes.values()))
                : null, session + "/final", wait);
        if (model == null) {
            json(exchange, 202, "{\"state\": \"WAITING_FOR_PEERS_TO_FINISH\", \"detail\": \"" + closes.size()
                    + " of " + syncs.size() + " closed\"}");
            return;
        }
        exchange.getResponseHeaders().add("X-Swarm-Round", "99");
        exchange.getResponseHeaders().add("X-Swarm-Training-Over", "true");
        model(exchange, model);
    }

    /** The first poll of a key answers 202 at once; later ones wait up to {@code wait} seconds for the value. */
    private byte[] awaitOrNull(java.util.function.Supplier<byte[]> value, String key, int wait)
            throws InterruptedException {
        if (polledOnce.putIfAbsent(key, true) == null) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
        synchronized (lock) {
            while (true) {
                byte[] v = value.get();
                long left = deadline - System.nanoTime();
                if (v != null || left <= 0) {
                    return v;
                }
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    private static byte[] mean(List<byte[]> bodies) {
        LinkedHashMap<String, Tensor> sum = null;
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (byte[] body : bodies) {
            LinkedHashMap<String, Tensor> tensors = Safetensors.read(body);
            if (sum == null) {
                sum = tensors;
            }
            tensors.forEach((name, t) -> {
                double[] values = t.toDoubles();
                double[] a = acc.computeIfAbsent(name, k -> new double[values.length]);
                for (int i = 0; i < values.length; i++) {
                    a[i] += values[i] / bodies.size();
                }
            });
        }
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : sum.entrySet()) {
            double[] a = acc.get(entry.getKey());
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = (float) a[i];
            }
            out.put(entry.getKey(), Tensor.ofFloats(entry.getValue().shape(), f));
        }
        return Safetensors.toBytes(out);
    }

    private static void model(HttpExchange exchange, byte[] model) throws IOException {
        try {
            exchange.getResponseHeaders().add("X-Swarm-Sha256",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, model.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(model);
        }
    }

    private static int waitSeconds(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("wait=")) {
                    return Integer.parseInt(pair.substring(5));
                }
            }
        }
        return 60;
    }

    private static void json(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        json(exchange, status, "{\"error\": \"" + code + "\", \"message\": \"" + message + "\"}");
    }

    /** Thrown by a handler to drop the connection without an answer (com.sun.net.httpserver closes it). */
    static final class LostAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
