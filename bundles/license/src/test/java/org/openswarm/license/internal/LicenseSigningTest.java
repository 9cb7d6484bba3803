package org.openswarm.license.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicensePayload;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.common.json.Json;

class LicenseSigningTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final Issuer issuer = new Issuer();

    private static String refusal(Runnable action) {
        SwarmException e = assertThrows(SwarmException.class, action::run);
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        return e.getMessage();
    }

    @Test
    void aSignedLicenseVerifies() {
        SignedLicense signed = issuer.license("acme-1", NOW, Map.of(Feature.SL, 8));
        LicensePayload payload = LicenseSigning.verifySignature(signed, issuer.trust());
        assertEquals("acme-1", payload.id());
        assertEquals(Map.of(Feature.SL, 8), payload.features());
        LicenseSigning.checkValidAt(payload, NOW);
        assertTrue(signed.keyId().matches("[0-9a-f]{16}"));
    }

    @Test
    void aLicenseSignedByAnUntrustedKeyIsRefused() {
        SignedLicense forged = new Issuer().license("acme-1", NOW, Map.of(Feature.SL, 8));
        assertTrue(refusal(() -> LicenseSigning.verifySignature(forged, issuer.trust()))
                .startsWith("License signed by unknown key id " + forged.keyId()));
    }

    @Test
    void anUntrustedSignatureUnderATrustedKeyIdIsRefused() {
        SignedLicense other = new Issuer().license("acme-1", NOW, Map.of(Feature.SL, 8));
        SignedLicense forged = new SignedLicense(issuer.keyId, other.payload(), other.signature());
        assertTrue(refusal(() -> LicenseSigning.verifySignature(forged, issuer.trust()))
                .startsWith("Bad license signature"));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        SignedLicense signed = issuer.license("acme-1", NOW, Map.of(Feature.SL, 8));
        String json = new String(Base64.getDecoder().decode(signed.payload()), StandardCharsets.UTF_8)
                .replace("\"SL\":8", "\"SL\":800");
        SignedLicense tampered = new SignedLicense(signed.keyId(),
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), signed.signature());
        assertTrue(refusal(() -> LicenseSigning.verifySignature(tampered, issuer.trust()))
                .contains("forged or was changed after signing"));
    }

    @Test
    void expiredAndNotYetValidLicensesAreRefusedWithDistinctMessages() {
        LicensePayload expired = new LicensePayload("old", "ACME", Map.of(Feature.SN, 1), "2025-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z");
        LicensePayload future = new LicensePayload("new", "ACME", Map.of(Feature.SN, 1), "2027-01-01T00:00:00Z",
                "2028-01-01T00:00:00Z");
        assertTrue(refusal(() -> LicenseSigning.checkValidAt(expired, NOW))
                .startsWith("License old expired on 2026-01-01T00:00:00Z"));
        assertTrue(refusal(() -> LicenseSigning.checkValidAt(future, NOW))
                .startsWith("License new is not yet valid: valid from 2027-01-01T00:00:00Z"));
    }

    @Test
    void malformedLicensesAreRefused() {
        assertTrue(refusal(() -> LicenseSigning.verifySignature(new SignedLicense(issuer.keyId, null, "x"),
                issuer.trust())).startsWith("Malformed license"));
        assertTrue(refusal(() -> LicenseSigning.verifySignature(new SignedLicense(issuer.keyId, "%%%", "%%%"),
                issuer.trust())).contains("base64"));
        assertTrue(refusal(() -> LicenseSigning.verifySignature(issuer.sign(new LicensePayload("x", "ACME",
                Map.of(Feature.SL, -2), NOW.toString(), NOW.plusSeconds(60).toString())), issuer.trust()))
                .contains("capacity of SL must be -1 (unlimited) or more, was -2"));
        assertTrue(refusal(() -> LicenseSigning.verifySignature(issuer.sign(new LicensePayload("x", "ACME",
                Map.of(Feature.SL, 1), "yesterday", NOW.toString())), issuer.trust())).contains("ISO-8601"));
        assertTrue(refusal(() -> LicenseSigning.verifySignature(issuer.sign(new LicensePayload("x", "ACME",
                Map.of(), NOW.toString(), NOW.plusSeconds(60).toString())), issuer.trust())).contains("no features"));
        assertTrue(refusal(() -> LicenseSigning.verifySignature(issuer.sign(new LicensePayload("x", "",
                Map.of(Feature.SL, 1), NOW.toString(), NOW.plusSeconds(60).toString())), issuer.trust()))
                .contains("licensee is missing"));
    }

    @Test
    void anUnknownFeatureIsRefused() {
        String json = "{\"id\":\"x\",\"licensee\":\"ACME\",\"features\":{\"GPU\":3},\"notBefore\":\""
                + NOW + "\",\"notAfter\":\"" + NOW.plusSeconds(60) + "\"}";
        assertTrue(refusal(() -> LicenseSigning.parsePayload(json)).contains("unknown feature"));
    }

    @Test
    void keygenAndIssueMakeALicenseTheServerAccepts(@TempDir Path dir) throws Exception {
        String keyId = LicenseSigning.writeKeyPair(LicenseSigning.generateKeyPair(), dir, "fleet");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                "fleet.key"))));
        var trusted = LicenseSigning.readTrustedKeys(dir, message -> {
        });
        assertEquals(java.util.Set.of(keyId), trusted.keySet());

        String json = LicenseSigning.issue(dir.resolve("fleet.key"), null, "ACME", Map.of(Feature.SN, 10,
                Feature.SL, 40), 30, NOW);
        SignedLicense signed = Json.gson().fromJson(json, SignedLicense.class);
        LicensePayload payload = LicenseSigning.verifySignature(signed, trusted);
        LicenseSigning.checkValidAt(payload, NOW);
        assertEquals(NOW.plus(Duration.ofDays(30)).toString(), payload.notAfter());
        assertTrue(payload.id().startsWith("lic-20260301-"));

        assertThrows(SwarmException.class, () -> LicenseSigning.writeKeyPair(LicenseSigning.generateKeyPair(), dir,
                "fleet"), "an existing key is never overwritten");
        assertTrue(refusal(() -> LicenseSigning.issue(dir.resolve("fleet.key"), "x", "ACME", Map.of(), 30, NOW))
                .contains("at least one of --sn"));
    }
}
