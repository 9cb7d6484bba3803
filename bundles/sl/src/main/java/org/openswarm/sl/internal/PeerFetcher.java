package org.openswarm.sl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * Downloads blobs from peers' file servers (design §5: {@code /v1/params/{contract}/{round}/{uid}} and
 * {@code /v1/merged/{contract}/{round}}), streaming into the {@link BlobStore} and refusing any blob whose SHA-256
 * differs from the one on the ledger.
 */
final class PeerFetcher {
    static final String HASH_HEADER = "X-Swarm-Sha256";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final BlobStore store;
    private final long maxBytes;
    private final Duration timeout;

    PeerFetcher(BlobStore store, long maxBytes, Duration timeout) {
        this.store = store;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    static URI paramsUri(String host, int port, String contract, long round, String uid) {
        return URI.create("http://" + host + ":" + port + "/v1/params/" + segment(contract) + "/" + round + "/" + uid);
    }

    static URI mergedUri(String host, int port, String contract, long round) {
        return URI.create("http://" + host + ":" + port + "/v1/merged/" + segment(contract) + "/" + round);
    }

    /**
     * Fetches one blob and checks it against {@code expectedSha256}. A peer that cannot be reached or answers an
     * error is {@code UNAVAILABLE}; a blob with another hash is {@code CONFLICT}. The blob comes back pinned.
     */
    Blob fetch(URI uri, String expectedSha256) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Cannot fetch " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Interrupted while fetching " + uri);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200)
                throw new SwarmException(ErrorCode.UNAVAILABLE, uri + " answered " + response.statusCode());
            return store.receive(body, maxBytes, expectedSha256);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Reading " + uri + " failed: " + e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
