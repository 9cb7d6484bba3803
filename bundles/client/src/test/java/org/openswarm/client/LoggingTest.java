package org.openswarm.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.openswarm.client.internal.ReferenceLogFormat;

/** The user's logger gets the reference's milestone lines (reference §9.2) in the reference's format. */
class LoggingTest {

    @Test
    void theUsersLoggerGetsTheMilestoneLines() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("user.logger");
        logger.setUseParentHandlers(false);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new ReferenceLogFormat().format(record).strip());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            RecordingBackend backend = new RecordingBackend(seq -> seq == 1 ? 3 : 5);
            SwarmCallback cb = SwarmCallback.builder(3, 2).backend(backend).logger(logger)
                    .adsValData(() -> new Evaluation(0.125, 0.5)).build(new VectorModel(1));
            cb.onTrainBegin();
            for (int b = 0; b < 2; b++) {
                cb.onBatchEnd();
            }
            cb.onTrainEnd();
            String all = String.join("\n", lines);
            assertTrue(all.contains("***Swarm Callback Params: Inside SwarmCallbackBase at user side***"), all);
            assertTrue(all.contains("***** Is Swarm callback in loopback mode: false *****"), all);
            assertTrue(all.contains("Starting Swarm merging round ..."), all);
            assertTrue(all.contains("Merge Done: RVInt [cur: 3 Nxt: 3]"), all);
            assertTrue(all.contains(" : user.logger : WARNING : No Swarm merge happened during training"), all);
            assertTrue(all.contains("Finished local training !!!"), all);
            assertTrue(all.contains("Final merging starts at training end. Waiting for other peers to complete ..."));
            assertTrue(all.contains("All peers and Swarm training rounds finished. Final Swarm model was loaded."));
            assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} : user\\.logger : INFO : .*"),
                    lines.get(0));
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void theDefaultLoggerIsSwarmCallbackAtInfo() {
        Logger logger = ReferenceLogFormat.defaultLogger();
        assertTrue(logger.getName().equals("SwarmCallback"));
        assertTrue(logger.isLoggable(Level.INFO));
        assertTrue(!logger.isLoggable(Level.FINE));
    }
}
