package org.openswarm.client.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The reference callback's log format, {@code %(asctime)s : %(name)s : %(levelname)s : %(message)s}, so log readers
 * and greps written for the reference keep working; and the default {@code SwarmCallback} logger on stdout.
 */
public final class ReferenceLogFormat extends Formatter {
    public static final String LOGGER_NAME = "SwarmCallback";
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(ASCTIME.format(Instant.ofEpochMilli(record.getMillis()))).append(" : ")
                .append(record.getLoggerName()).append(" : ")
                .append(levelName(record.getLevel())).append(" : ")
                .append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    /** Python's level names. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (v >= Level.WARNING.intValue()) {
            return "WARNING";
        } else if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    /**
     * The {@code SwarmCallback} logger at INFO on stdout in the reference format. Configured once: a logger that
     * already has handlers (the user's logging configuration) is left as it is.
     */
    public static synchronized Logger defaultLogger() {
        Logger logger = Logger.getLogger(LOGGER_NAME);
        if (logger.getHandlers().length == 0) {
            Handler handler = new StreamHandler(System.out, new ReferenceLogFormat()) {
                @Override
                public synchronized void publish(LogRecord record) {
                    super.publish(record);
                    flush();
                }
            };
            handler.setLevel(Level.ALL);
            logger.addHandler(handler);
            logger.setUseParentHandlers(false);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.INFO);
            }
        }
        return logger;
    }
}
