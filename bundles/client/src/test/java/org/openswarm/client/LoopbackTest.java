package org.openswarm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SWARM_LOOPBACK=true: validation only, not one HTTP request, epochs still counted. */
class LoopbackTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SwarmCallback fromEnvironment(String loopbackValue) {
        return SwarmCallback.builder(2, 3).logger(Logger.getLogger("test.loopback")).environment(name -> switch (name) {
            case "SWARM_LOOPBACK" -> loopbackValue;
            case "SWARM_SL_URL" -> url;
            case "SWARM_SL_TOKEN" -> "t";
            default -> null;
        }).build(new VectorModel(1, 2));
    }

    @Test
    void loopbackMakesNoHttpCallAndCountsEpochs() {
        SwarmCallback cb = fromEnvironment("TrUe");
        assertTrue(cb.isLoopback());
        VectorModel model = new VectorModel(1, 2);
        cb.onTrainBegin();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int b = 0; b < 10; b++) {
                model.step(1);
                cb.onBatchEnd();
            }
            cb.onEpochEnd();
        }
        cb.onTrainEnd();
        assertEquals(3, cb.epochsCompleted());
        assertEquals(0, cb.syncsDone());
        assertEquals(0, requests.get());
    }

    @Test
    void loopbackStillValidates() {
        SwarmCallback.Builder builder = SwarmCallback.builder(0, 3).environment(name -> "true");
        assertThrows(SwarmError.class, () -> builder.build(new VectorModel(1)));
    }

    @Test
    void otherValuesAreNotLoopback() {
        assertFalse(fromEnvironment("1").isLoopback());
        assertFalse(fromEnvironment(null).isLoopback());
    }

    @Test
    void theSystemPropertyOverridesTheEnvironment() {
        System.setProperty("SWARM_LOOPBACK", "TRUE");
        try {
            assertTrue(fromEnvironment("false").isLoopback());
        } finally {
            System.clearProperty("SWARM_LOOPBACK");
        }
    }
}
