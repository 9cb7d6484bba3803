package org.openswarm.swop.internal.docker;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle embeds docker-java and its libraries privately: its manifest (written by bnd before the tests run)
 * must import nothing Karaf cannot give, export none of them, and carry JNA's native library for the Unix socket.
 */
class BundleManifestTest {

    private static final Path CLASSES = Path.of("target/classes");

    // What the Karaf 4.4 system bundle (JRE packages), pax-logging (slf4j), ConfigAdmin, the shell and the
    // openswarm-swop feature's bundles (OpenSwarm api/common/schema, SnakeYAML, json-schema-validator, Jackson) provide;
    // nothing docker-java needs (Guava, httpclient5, JNA, BouncyCastle, commons) may appear here.
    private static final List<String> PROVIDED = List.of("java.", "javax.", "org.w3c.", "org.xml.", "org.ietf.",
            "org.slf4j", "com.fasterxml.jackson.", "org.openswarm.api", "org.openswarm.common.",
            "org.osgi.service.cm", "org.apache.karaf.shell.api.", "org.yaml.snakeyaml", "com.networknt.schema",
            "org.openswarm.schema");

    @Test
    void mandatoryImportsAreOnlyWhatKarafProvides() throws IOException {
        Manifest mf = manifest();
        List<String> unresolvable = new ArrayList<>();
        for (String clause : clauses(mf.getMainAttributes().getValue("Import-Package"))) {
            String pkg = clause.split(";")[0];
            boolean optional = clause.contains("resolution:=optional");
            if (!optional && PROVIDED.stream().noneMatch(pkg::startsWith)) {
                unresolvable.add(pkg);
            }
        }
        assertEquals(List.of(), unresolvable, "mandatory imports Karaf would not resolve");
    }

    @Test
    void theEmbeddedLibrariesAreNotExportedAndJnaNativesAreInside() throws IOException {
        Manifest mf = manifest();
        String exports = mf.getMainAttributes().getValue("Export-Package");
        assertTrue(exports == null || !exports.matches("(?s).*(dockerjava|google|apache|jna|bouncycastle).*"),
                exports);
        assertEquals("org.openswarm.swop", mf.getMainAttributes().getValue("Bundle-SymbolicName"));
        assertTrue(Files.isRegularFile(CLASSES.resolve("com/sun/jna/linux-x86-64/libjnidispatch.so")));
        assertTrue(Files.isRegularFile(CLASSES.resolve("com/github/dockerjava/core/DockerClientImpl.class")));
        assertTrue(Files.isRegularFile(CLASSES.resolve("com/github/dockerjava/httpclient5/ApacheDockerHttpClient.class")));
        assertNull(mf.getMainAttributes().getValue("Bundle-ClassPath"), "everything sits at the bundle root");
        assertTrue(Files.notExists(CLASSES.resolve("com/fasterxml/jackson")),
                "Jackson is shared with the feature's bundles, never embedded");
    }

    private static Manifest manifest() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    /** Splits a manifest header on the commas between clauses (not those inside quoted version ranges). */
    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
