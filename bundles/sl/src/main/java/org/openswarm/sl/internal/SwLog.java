package org.openswarm.sl.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-ML {@code <program>_sw.log} in the model directory (reference §9.1: a subset of the SL log that the data
 * scientist finds beside the model). Every line also goes to the SL's own log.
 */
final class SwLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("swarm.mlApp");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    enum Level {
        DEBUG, INFO, WARN, ERROR
    }

    private final String sl;
    private final Level threshold;
    private final Path file;
    private Writer out;

    SwLog(String sl, Path modelDir, String program, String level) {
        this.sl = sl;
        this.threshold = parse(level);
        this.file = modelDir.resolve(program + "_sw.log");
        try {
            Files.createDirectories(modelDir);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("[{}] Cannot write {}: {}; the SL log still has every line", sl, file, e.toString());
        }
    }

    Path file() {
        return file;
    }

    void debug(String message) {
        write(Level.DEBUG, message);
    }

    void info(String message) {
        write(Level.INFO, message);
    }

    void warn(String message) {
        write(Level.WARN, message);
    }

    void error(String message) {
        write(Level.ERROR, message);
    }

    private synchronized void write(Level level, String message) {
        switch (level) {
            case DEBUG -> LOG.debug("[{}] {}", sl, message);
            case INFO -> LOG.info("[{}] {}", sl, message);
            case WARN -> LOG.warn("[{}] {}", sl, message);
            case ERROR -> LOG.error("[{}] {}", sl, message);
        }
        if (out == null || level.ordinal() < threshold.ordinal())
            return;
        try {
            out.write(LocalDateTime.now().format(TIME) + " : swarm.mlApp : " + level + " : " + message + "\n");
            out.flush();
        } catch (IOException e) {
            LOG.warn("[{}] Writing {} failed: {}", sl, file, e.toString());
            out = null;
        }
    }

    @Override
    public synchronized void close() {
        if (out == null)
            return;
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to do with a log we cannot close
        }
        out = null;
    }

    private static Level parse(String level) {
        try {
            return Level.valueOf(level == null ? "INFO" : level.trim().toUpperCase(Locale.ROOT).replace("WARNING",
                    "WARN"));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
