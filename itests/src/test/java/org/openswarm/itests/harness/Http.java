package org.openswarm.itests.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import com.google.gson.Gson;

/** A small blocking HTTP client for tests. */
public final class Http {
    /** A response: status, body and the headers that tests look at. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        public <T> T json(Class<T> type) {
            return GSON.fromJson(body, type);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final Gson GSON = new Gson();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static Response get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** GET with the network join token. */
    public static Response get(String url, String token) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Swarm-Token", token).GET());
    }

    /** POST of a JSON body with the network join token. */
    public static Response postJson(String url, String token, Object body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Swarm-Token", token)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(GSON.toJson(body))));
    }

    public static Response post(String url, byte[] body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(BodyPublishers.ofByteArray(body)));
    }

    public static Response send(HttpRequest.Builder request) throws IOException {
        try {
            var response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    /** True when {@code url} answers 200 now. */
    public static boolean isOk(String url) {
        try {
            return get(url).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
