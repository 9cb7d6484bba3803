package org.openswarm.swci.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code bin/swci} runs with: its flags over {@code etc/org.openswarm.swci.cfg} (the keys {@code snHost},
 * {@code snPort}, {@code joinToken} of the Karaf SWCI), over the defaults. An unusable flag is an
 * {@link IllegalArgumentException} whose message is shown with the usage.
 *
 * @param home       the distribution's directory (its {@code etc/} and {@code data/})
 * @param initScript the script to run first, or null
 * @param snHost     the SN that ledger commands reach while no context is current
 * @param snPort     its port
 * @param joinToken  the join token, or null for {@code data/openswarm/sn/join-token}
 * @param stateDir   where this launcher keeps its contexts, or null for {@code data/openswarm/swci-cli}
 * @param help       whether only the usage was asked for
 */
record SwciArgs(Path home, Path initScript, String snHost, int snPort, String joinToken, Path stateDir,
        boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: bin/swci [--init-script FILE] [--sn HOST:PORT] [--token TOKEN] [--state DIR]",
            "  --init-script FILE  run this SWCI script first; with EXIT in it, no interactive SWCI follows",
            "  --sn HOST:PORT      the SN used while no context is current (default: snHost/snPort of",
            "                      etc/org.openswarm.swci.cfg, else localhost:30304)",
            "  --token TOKEN       the network join token (default: joinToken of etc/org.openswarm.swci.cfg,",
            "                      else data/openswarm/sn/join-token)",
            "  --state DIR         where the contexts are kept (default: data/openswarm/swci-cli)",
            "Then commands are read from standard input (prompt SWCI:<n> >) until EXIT or end of input.",
            "The exit status is 1 when a command failed with EXIT ON FAILURE on, 2 for bad flags.");

    static SwciArgs parse(Path home, String... args) throws IOException {
        Properties cfg = new Properties();
        Path file = home.resolve("etc").resolve("org.openswarm.swci.cfg");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                cfg.load(in);
            }
        }
        Path script = null;
        String host = value(cfg, "snHost", "localhost");
        int port = port(value(cfg, "snPort", "30304"), "snPort in " + file);
        String token = value(cfg, "joinToken", "");
        Path state = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "-h", "--help" -> help = true;
                case "--init-script" -> script = Path.of(next(args, ++i, flag)).toAbsolutePath().normalize();
                case "--token" -> token = next(args, ++i, flag);
                case "--state" -> state = Path.of(next(args, ++i, flag)).toAbsolutePath().normalize();
                case "--sn" -> {
                    String hostPort = next(args, ++i, flag);
                    int colon = hostPort.lastIndexOf(':');
                    if (colon <= 0 || hostPort.endsWith("]"))
                        throw new IllegalArgumentException("--sn wants HOST:PORT, got " + hostPort);
                    host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
                    port = port(hostPort.substring(colon + 1), "--sn");
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + flag);
            }
        }
        if (script != null && !Files.isRegularFile(script))
            throw new IllegalArgumentException("No such script: " + script);
        return new SwciArgs(home, script, host, port, token.isBlank() ? null : token, state, help);
    }

    private static String value(Properties cfg, String key, String fallback) {
        String value = cfg.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String next(String[] args, int i, String flag) {
        if (i >= args.length || args[i].isBlank())
            throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }

    private static int port(String text, String what) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535)
                return port;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(what + " must be a port (1-65535), got " + text);
    }
}
