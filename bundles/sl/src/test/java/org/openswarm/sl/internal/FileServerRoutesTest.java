package org.openswarm.sl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.common.http.RestServer;
import org.openswarm.common.http.RestServerOptions;

/** The file server over real HTTP, and the fetcher that verifies what it downloads. */
class FileServerRoutesTest {
    private static final String UID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    private static final String CONTRACT = "defaultbb.cqdb.sml.hpe";

    @TempDir
    Path serverDir;
    @TempDir
    Path clientDir;

    private BlobStore store;
    private RestServer server;
    private byte[] model;
    private Blob blob;

    @BeforeEach
    void start() {
        store = new BlobStore(serverDir, 3);
        model = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(model);
        blob = store.receive(new ByteArrayInputStream(model), model.length, null);
        store.recordContribution(CONTRACT, 2, blob.sha256());
        store.recordMerged(CONTRACT, 1, blob.sha256());
        server = RestServer.start("files", RestServerOptions.plain("127.0.0.1", 0),
                new FileServerRoutes(UID, store).routes());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesParamsAndMergedWithTheirHash() throws Exception {
        HttpResponse<byte[]> params = get("/v1/params/" + CONTRACT + "/2/" + UID);
        assertEquals(200, params.statusCode());
        assertEquals(blob.sha256(), params.headers().firstValue("X-Swarm-Sha256").orElseThrow());
        assertEquals(model.length, params.body().length);
        assertEquals(Sha256.of(model), Sha256.of(params.body()));
        assertEquals(200, get("/v1/merged/" + CONTRACT + "/1").statusCode());
    }

    @Test
    void unknownRoundsNodesAndBadInputAreClientErrors() throws Exception {
        assertEquals(404, get("/v1/params/" + CONTRACT + "/3/" + UID).statusCode());
        assertEquals(404, get("/v1/params/" + CONTRACT + "/2/00000000-0000-0000-0000-000000000001").statusCode());
        assertEquals(404, get("/v1/merged/" + CONTRACT + "/2").statusCode());
        assertEquals(404, get("/v1/merged/unknown/1").statusCode());
        HttpResponse<byte[]> bad = get("/v1/merged/" + CONTRACT + "/zero");
        assertEquals(400, bad.statusCode());
        assertTrue(new String(bad.body()).contains("round must be a positive integer"));
    }

    @Test
    void fetcherVerifiesTheLedgerHash() {
        PeerFetcher fetcher = new PeerFetcher(new BlobStore(clientDir, 3), 1L << 30, Duration.ofSeconds(30));
        Blob fetched = fetcher.fetch(PeerFetcher.paramsUri("127.0.0.1", server.port(), CONTRACT, 2, UID),
                blob.sha256());
        assertEquals(blob.sha256(), Sha256.of(fetched.file()));
        SwarmException tampered = org.junit.jupiter.api.Assertions.assertThrows(SwarmException.class,
                () -> fetcher.fetch(PeerFetcher.mergedUri("127.0.0.1", server.port(), CONTRACT, 1), "a".repeat(64)));
        assertEquals(ErrorCode.CONFLICT, tampered.code());
        SwarmException missing = org.junit.jupiter.api.Assertions.assertThrows(SwarmException.class,
                () -> fetcher.fetch(PeerFetcher.mergedUri("127.0.0.1", server.port(), CONTRACT, 9), blob.sha256()));
        assertEquals(ErrorCode.UNAVAILABLE, missing.code());
    }
}
