package org.openswarm.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/** HTTPS and mutual TLS with key material made by the JDK's keytool. */
class TlsRestServerTest {
    private static final String PASS = "changeit";

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        for (String who : List.of("server", "client")) {
            keytool("-genkeypair", "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + who,
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", p(who + ".p12"),
                    "-storetype", "PKCS12", "-storepass", PASS);
            keytool("-exportcert", "-alias", who, "-keystore", p(who + ".p12"), "-storepass", PASS, "-file",
                    p(who + ".crt"));
        }
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", p("client.crt"), "-keystore",
                p("server-trust.p12"), "-storetype", "PKCS12", "-storepass", PASS);
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", p("server.crt"), "-keystore",
                p("client-trust.p12"), "-storetype", "PKCS12", "-storepass", PASS);
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }

    private static RestServer start(boolean needClientAuth) {
        TlsOptions tls = new TlsOptions(p("server.p12"), PASS, p("server-trust.p12"), PASS, needClientAuth);
        Routes routes = new Routes().get("/is_up", r -> Reply.json(Map.of("status", "UP")));
        return RestServer.start("tls", RestServerOptions.plain("127.0.0.1", 0).withTls(tls), routes);
    }

    private static HttpClient client(boolean withCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load("client.p12"), PASS.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withCertificate ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            store.load(in, PASS.toCharArray());
        }
        return store;
    }

    @Test
    void servesHttps() throws Exception {
        try (RestServer server = start(false)) {
            assertEquals("https", server.uri().getScheme());
            var response = client(false).send(HttpRequest.newBuilder(server.uri().resolve("/is_up")).build(),
                    BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
        }
    }

    @Test
    void mutualTlsAcceptsTrustedClientCertificates() throws Exception {
        try (RestServer server = start(true)) {
            var response = client(true).send(HttpRequest.newBuilder(server.uri().resolve("/is_up")).build(),
                    BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
        }
    }

    @Test
    void mutualTlsRefusesClientsWithoutCertificate() throws Exception {
        try (RestServer server = start(true)) {
            HttpClient anonymous = client(false);
            assertThrows(IOException.class, () -> anonymous
                    .send(HttpRequest.newBuilder(server.uri().resolve("/is_up")).build(), BodyHandlers.ofString()));
        }
    }

    @Test
    void missingKeystoreIsAClearConfigurationError() {
        SwarmException e = assertThrows(SwarmException.class,
                () -> new TlsOptions(p("nope.p12"), PASS, "", "", false));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("nope.p12"), e.getMessage());
        SwarmException noTrust = assertThrows(SwarmException.class,
                () -> new TlsOptions(p("server.p12"), PASS, "", "", true));
        assertTrue(noTrust.getMessage().contains("truststore"), noTrust.getMessage());
    }

    @Test
    void toStringHidesPasswords() {
        TlsOptions tls = new TlsOptions(p("server.p12"), "s3cr3t-pass", p("server-trust.p12"), "other-s3cr3t", true);
        assertTrue(!tls.toString().contains("s3cr3t"), tls.toString());
    }
}
