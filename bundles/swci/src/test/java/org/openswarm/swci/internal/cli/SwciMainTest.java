package org.openswarm.swci.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/swci's main: flags over the .cfg, the init script, the REPL on standard input, and the exit status. */
class SwciMainTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void home() {
        System.setProperty("openswarm.home", home.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("openswarm.home");
    }

    private int run(String input, String... args) {
        return SwciMain.run(args, new BufferedReader(new StringReader(input)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path script(String... lines) throws Exception {
        Path file = home.resolve("init.swci");
        Files.write(file, java.util.List.of(lines));
        return file;
    }

    @Test
    void aScriptWithExitRunsWithoutTheRepl() throws Exception {
        int status = run("HELP\n", "--init-script", script("# set up", "EXIT ON FAILURE ON", "PWD", "EXIT").toString(),
                "--state", home.resolve("state").toString());
        assertEquals(0, status, err.toString());
        String out = out();
        assertTrue(out.contains("# set up"), out);
        assertTrue(out.contains("SWCI:1 > EXIT ON FAILURE ON"), out);
        assertTrue(out.contains("EXIT ON FAILURE IS TURNED ON"), out);
        assertTrue(out.contains("Current Directory : "), out);
        assertFalse(out.contains("CREATE CONTEXT <name>"), "the REPL must not have run HELP: " + out);
    }

    @Test
    void aFailureWithExitOnFailureOnEndsWithStatusOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int status = run("", "--init-script", script("EXIT ON FAILURE", "LIST TASKS", "PWD").toString(),
                "--sn", "127.0.0.1:" + closed);
        assertEquals(1, status);
        assertTrue(out().contains("ERROR : Unable to contact API-Server at http://127.0.0.1:" + closed), out());
        assertTrue(out().contains("EXIT ON FAILURE: stopping at line 2"), out());
        assertFalse(out().contains("Current Directory"), out());
    }

    @Test
    void withoutExitTheReplReadsStandardInputUntilEndOfInput() throws Exception {
        int status = run("pwd\nlist contexts\n", "--init-script", script("# no exit").toString());
        assertEquals(0, status);
        assertTrue(out().contains("SWCI:1 > Current Directory : "), out());
        assertTrue(out().contains("SWCI:2 > SWCI:3 > "), out());
    }

    @Test
    void theReplEndsOnExitAndOnAFailureWithExitOnFailure() {
        assertEquals(0, run("exit\npwd\n"));
        assertFalse(out().contains("Current Directory"), out());
        assertEquals(1, run("exit on failure on\nbogus command\npwd\n"));
    }

    @Test
    void badFlagsAnswerTheUsageAndStatusTwo() {
        assertEquals(2, run("", "--sn", "nohostport"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage: bin/swci"));
        assertEquals(2, run("", "--init-script", home.resolve("missing").toString()));
        assertEquals(2, run("", "--frobnicate"));
        assertEquals(0, run("", "--help"));
        assertTrue(out().contains("--init-script FILE"));
    }

    @Test
    void theCfgGivesTheSnAndTokenAndFlagsWin() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.openswarm.swci.cfg"),
                "# comment\nsnHost = sn1.example\nsnPort = 31000\njoinToken = secret\n");
        SwciArgs cfg = SwciArgs.parse(home);
        assertEquals("sn1.example", cfg.snHost());
        assertEquals(31000, cfg.snPort());
        assertEquals("secret", cfg.joinToken());
        SwciArgs flags = SwciArgs.parse(home, "--sn", "10.0.0.7:30304", "--token", "other");
        assertEquals("10.0.0.7", flags.snHost());
        assertEquals(30304, flags.snPort());
        assertEquals("other", flags.joinToken());
        assertEquals("::1", SwciArgs.parse(home, "--sn", "[::1]:30304").snHost());
        Files.writeString(home.resolve("etc/org.openswarm.swci.cfg"), "#snHost = x\n");
        SwciArgs defaults = SwciArgs.parse(home);
        assertEquals("localhost", defaults.snHost());
        assertEquals(30304, defaults.snPort());
        assertNull(defaults.joinToken());
        assertThrows(IllegalArgumentException.class, () -> SwciArgs.parse(home, "--sn", "h:99999"));
    }
}
