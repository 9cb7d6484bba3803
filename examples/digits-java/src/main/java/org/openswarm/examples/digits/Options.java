package org.openswarm.examples.digits;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --key value} command-line options, with the mode as the first argument. An option missing from the command
 * line is read from the environment variable {@code DIGITS_<KEY>} ({@code --min-peers} from {@code DIGITS_MIN_PEERS}),
 * so that one task command serves every node of a SWOP profile and each node's {@code usrenvvars} set its index.
 */
final class Options {
    final String mode;
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        this(args, System.getenv());
    }

    Options(String[] args, Map<String, String> environment) {
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'), value);
            }
        });
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("the first argument is the mode: node or baseline");
        }
        mode = args[0];
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    private static final String ENV_PREFIX = "DIGITS_";

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    long longValue(String key, long fallback) {
        return values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback;
    }

    double decimal(String key, double fallback) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : fallback;
    }

    int required(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("--" + key + " (or " + ENV_PREFIX
                    + key.toUpperCase(Locale.ROOT).replace('-', '_') + ") is required in mode " + mode);
        }
        return Integer.parseInt(values.get(key));
    }

    Hyperparameters hyperparameters() {
        Hyperparameters d = Hyperparameters.DEFAULT;
        return new Hyperparameters((float) decimal("lr", d.learningRate()), integer("batch", d.batchSize()),
                integer("steps", d.steps()), integer("sync", d.syncFrequency()), decimal("alpha", d.alpha()),
                decimal("test-share", d.testShare()));
    }
}
