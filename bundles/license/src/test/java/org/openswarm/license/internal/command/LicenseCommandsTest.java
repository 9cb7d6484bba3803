package org.openswarm.license.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseInfo;
import org.openswarm.license.internal.LicenseServer;
import org.openswarm.license.internal.LicenseServerConfig;

/** The operator's path: keygen, trust the key, issue, install, list, remove. */
class LicenseCommandsTest {
    @TempDir
    Path work;

    private static String run(Callable<Object> command) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream into = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(into);
        System.setErr(into);
        try {
            command.call();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private LicenseServer server(Path keys) {
        Map<String, Object> values = Map.of("host", "127.0.0.1", "port", 0, "dataDir", work.resolve("data").toString(),
                "trustedKeysDir", keys.toString());
        LicenseServerConfig config = (LicenseServerConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LicenseServerConfig.class}, (self, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
        return new LicenseServer(config);
    }

    @Test
    void keygenIssueInstallListRemove() throws Exception {
        Path keys = work.resolve("keys");
        LicenseKeygenCommand keygen = new LicenseKeygenCommand();
        keygen.dir = keys.toString();
        keygen.name = "fleet";
        String printed = run(keygen::execute);
        assertTrue(printed.startsWith("Key id     : "), printed);
        assertTrue(Files.exists(keys.resolve("fleet.key")) && Files.exists(keys.resolve("fleet.pub")));

        LicenseIssueCommand issue = new LicenseIssueCommand();
        issue.key = keys.resolve("fleet.key").toString();
        issue.licensee = "ACME";
        issue.id = "acme-2026";
        issue.sn = 6;
        issue.sl = -1;
        issue.days = 365;
        issue.out = work.resolve("acme.license").toString();
        assertTrue(run(issue::execute).startsWith("License written to"));

        LicenseServer server = server(keys);
        try {
            LicenseInstallCommand install = new LicenseInstallCommand();
            install.server = server;
            install.file = issue.out;
            assertTrue(run(install::execute).startsWith("License acme-2026 for ACME installed"));
            LicenseInfo installed = server.licenses().get(1);
            assertEquals(Map.of(Feature.SN, 6, Feature.SL, -1), installed.features());

            LicenseListCommand list = new LicenseListCommand();
            list.server = server;
            list.noFormat = true;
            String table = run(list::execute);
            assertTrue(table.contains("acme-2026") && table.contains("community") && table.contains("unlimited"),
                    table);

            LicenseRemoveCommand remove = new LicenseRemoveCommand();
            remove.server = server;
            remove.id = "community";
            assertTrue(run(remove::execute).contains("cannot be removed"));
            remove.id = "acme-2026";
            assertTrue(run(remove::execute).startsWith("License acme-2026 removed"));
            assertEquals(1, server.licenses().size());
        } finally {
            server.deactivate();
        }
    }

    @Test
    void commandsWithoutAServerSaySo() throws Exception {
        LicenseListCommand list = new LicenseListCommand();
        assertTrue(run(list::execute).contains("feature:install openswarm-license"));
    }
}
