package org.openswarm.license.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicensePayload;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.common.json.Json;

import com.google.gson.JsonParseException;

/**
 * Signing and verifying licenses with the JDK's Ed25519, shared by the server and the operator tooling. Keys are kept
 * as base64 text: {@code <name>.key} holds the PKCS#8 private key (mode 600), {@code <name>.pub} the X.509 public key.
 * A key's id is the first 16 hex digits of the SHA-256 of its X.509 encoding.
 */
public final class LicenseSigning {
    public static final String ALGORITHM = "Ed25519";
    public static final String PUBLIC_SUFFIX = ".pub";
    public static final String PRIVATE_SUFFIX = ".key";

    /** License ids: letters, digits, dot, dash, underscore; 1 to 64 characters. */
    static final Pattern LICENSE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private LicenseSigning() {
    }

    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    /** The first 16 hex digits of SHA-256 over the key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs the payload's JSON with {@code key}, whose public half is {@code publicKey}'s. */
    public static SignedLicense sign(LicensePayload payload, PrivateKey key, String keyId) {
        byte[] bytes = Json.gson().toJson(payload).getBytes(StandardCharsets.UTF_8);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(bytes);
            return new SignedLicense(keyId, Base64.getEncoder().encodeToString(bytes),
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw SwarmException.badRequest("Cannot sign with this key (an " + ALGORITHM + " private key is needed): "
                    + e.getMessage());
        }
    }

    /**
     * Checks the signature and the payload's shape, but not the validity period (see {@link #checkValidAt}).
     *
     * @param trusted the trusted public keys by key id
     * @return the signed payload
     * @throws SwarmException BAD_REQUEST naming what is wrong
     */
    public static LicensePayload verifySignature(SignedLicense license, Map<String, PublicKey> trusted) {
        if (license == null || blank(license.keyId()) || blank(license.payload()) || blank(license.signature()))
            throw SwarmException.badRequest("Malformed license: keyId, payload and signature are all required");
        PublicKey key = trusted.get(license.keyId());
        if (key == null)
            throw SwarmException.badRequest("License signed by unknown key id " + license.keyId()
                    + ": this server trusts " + (trusted.isEmpty() ? "no keys" : "only " + trusted.keySet())
                    + "; put the issuer's public key (<name>.pub) into the trusted keys directory");
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getDecoder().decode(license.payload());
            signature = Base64.getDecoder().decode(license.signature());
        } catch (IllegalArgumentException e) {
            throw SwarmException.badRequest("Malformed license: payload and signature must be base64");
        }
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(payload);
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid)
            throw SwarmException.badRequest("Bad license signature: key " + license.keyId()
                    + " did not sign this payload (the license is forged or was changed after signing)");
        return parsePayload(new String(payload, StandardCharsets.UTF_8));
    }

    /** Refuses a payload whose validity period has not begun or has ended at {@code now}. */
    public static void checkValidAt(LicensePayload payload, Instant now) {
        Instant notBefore = instant(payload.notBefore(), "notBefore");
        Instant notAfter = instant(payload.notAfter(), "notAfter");
        if (now.isBefore(notBefore))
            throw SwarmException.badRequest("License " + payload.id() + " is not yet valid: valid from " + notBefore
                    + " (now " + now + ")");
        if (!now.isBefore(notAfter))
            throw SwarmException.badRequest("License " + payload.id() + " expired on " + notAfter + " (now " + now
                    + "); ask the issuer for a renewed license");
    }

    /** Whether the payload is within its validity period at {@code now}; a malformed period is not valid. */
    public static boolean validAt(LicensePayload payload, Instant now) {
        try {
            checkValidAt(payload, now);
            return true;
        } catch (SwarmException e) {
            return false;
        }
    }

    static LicensePayload parsePayload(String json) {
        LicensePayload payload;
        try {
            payload = Json.gson().fromJson(json, LicensePayload.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw SwarmException.badRequest("Malformed license payload: " + e.getMessage());
        }
        if (payload == null)
            throw SwarmException.badRequest("Malformed license payload: empty");
        if (payload.id() == null || !LICENSE_ID.matcher(payload.id()).matches())
            throw SwarmException.badRequest("Malformed license payload: id must be 1-64 letters, digits, '.', '-' "
                    + "or '_', was " + payload.id());
        if (blank(payload.licensee()))
            throw SwarmException.badRequest("Malformed license " + payload.id() + ": licensee is missing");
        if (payload.features() == null || payload.features().isEmpty())
            throw SwarmException.badRequest("Malformed license " + payload.id() + ": no features (expected a "
                    + "capacity for some of SN, SL, SWOP, SWCI)");
        for (Map.Entry<Feature, Integer> entry : payload.features().entrySet()) {
            if (entry.getKey() == null)
                throw SwarmException.badRequest("Malformed license " + payload.id()
                        + ": unknown feature (expected SN, SL, SWOP or SWCI)");
            if (entry.getValue() == null || entry.getValue() < LicensePayload.UNLIMITED)
                throw SwarmException.badRequest("Malformed license " + payload.id() + ": capacity of "
                        + entry.getKey() + " must be -1 (unlimited) or more, was " + entry.getValue());
        }
        Instant notBefore = instant(payload.notBefore(), "notBefore");
        Instant notAfter = instant(payload.notAfter(), "notAfter");
        if (!notBefore.isBefore(notAfter))
            throw SwarmException.badRequest("Malformed license " + payload.id() + ": notBefore " + notBefore
                    + " is not before notAfter " + notAfter);
        return new LicensePayload(payload.id(), payload.licensee(), new LinkedHashMap<>(payload.features()),
                payload.notBefore(), payload.notAfter());
    }

    static Instant instant(String value, String field) {
        if (blank(value))
            throw SwarmException.badRequest("Malformed license payload: " + field + " is missing");
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw SwarmException.badRequest("Malformed license payload: " + field + " is not an ISO-8601 instant: "
                    + value);
        }
    }

    /**
     * Issues a license as the operator tooling does: signs a payload valid from {@code now} for {@code days} with the
     * private key in {@code keyFile}, whose public key must lie beside it ({@code <name>.pub}).
     *
     * @param id a license id, or null for a new one
     * @return the SignedLicense as pretty JSON
     */
    public static String issue(Path keyFile, String id, String licensee, Map<Feature, Integer> features, int days,
            Instant now) {
        if (days < 1)
            throw SwarmException.badRequest("--days must be at least 1, was " + days);
        if (features.isEmpty())
            throw SwarmException.badRequest("Give a capacity for at least one of --sn, --sl, --swop, --swci");
        PrivateKey privateKey = readPrivateKey(keyFile);
        Path publicFile = publicKeyFileFor(keyFile);
        if (!Files.exists(publicFile))
            throw SwarmException.badRequest("The public key " + publicFile + " must lie beside " + keyFile);
        PublicKey publicKey = readPublicKey(publicFile);
        String licenseId = id != null && !id.isBlank() ? id
                : "lic-" + now.toString().substring(0, 10).replace("-", "") + "-"
                        + java.util.UUID.randomUUID().toString().substring(0, 8);
        Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        LicensePayload payload = parsePayload(Json.gson().toJson(new LicensePayload(licenseId, licensee, features,
                start.toString(), start.plus(java.time.Duration.ofDays(days)).toString())));
        SignedLicense signed = sign(payload, privateKey, keyId(publicKey));
        verifySignature(signed, Map.of(signed.keyId(), publicKey)); // the .key and .pub must belong together
        return new com.google.gson.GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(signed);
    }

    /** Reads every {@code *.pub} file of {@code dir} (missing dir: none); unreadable files are skipped. */
    public static Map<String, PublicKey> readTrustedKeys(Path dir, java.util.function.Consumer<String> warn) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (dir == null || !Files.isDirectory(dir))
            return keys;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + PUBLIC_SUFFIX)) {
            for (Path file : files) {
                try {
                    PublicKey key = readPublicKey(file);
                    keys.put(keyId(key), key);
                } catch (RuntimeException e) {
                    warn.accept("Ignoring trusted key " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            warn.accept("Cannot read the trusted keys directory " + dir + ": " + e.getMessage());
        }
        return keys;
    }

    public static PublicKey readPublicKey(Path file) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(file).trim());
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw SwarmException.badRequest(file + " is not a base64 X.509 " + ALGORITHM + " public key");
        }
    }

    public static PrivateKey readPrivateKey(Path file) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(file).trim());
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw SwarmException.badRequest(file + " is not a base64 PKCS#8 " + ALGORITHM + " private key");
        }
    }

    /** The public key that belongs to a private key file: {@code x.key} → {@code x.pub} beside it. */
    public static Path publicKeyFileFor(Path privateKeyFile) {
        String name = privateKeyFile.getFileName().toString();
        String base = name.endsWith(PRIVATE_SUFFIX) ? name.substring(0, name.length() - PRIVATE_SUFFIX.length())
                : name;
        return privateKeyFile.resolveSibling(base + PUBLIC_SUFFIX);
    }

    /**
     * Writes {@code <dir>/<name>.key} (mode 600) and {@code <dir>/<name>.pub}; refuses to overwrite an existing key.
     *
     * @return the key id
     */
    public static String writeKeyPair(KeyPair pair, Path dir, String name) {
        if (name == null || !LICENSE_ID.matcher(name).matches())
            throw SwarmException.badRequest("Key name must be letters, digits, '.', '-' or '_', was " + name);
        Path privateFile = dir.resolve(name + PRIVATE_SUFFIX);
        Path publicFile = dir.resolve(name + PUBLIC_SUFFIX);
        if (Files.exists(privateFile) || Files.exists(publicFile))
            throw SwarmException.badRequest(privateFile + " or " + publicFile + " already exists; choose another name");
        try {
            Files.createDirectories(dir);
            Files.writeString(privateFile, "");
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // nothing more to restrict on this file system
            }
            Files.writeString(privateFile, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
            Files.writeString(publicFile, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key pair into " + dir + ": " + e.getMessage(), e);
        }
        return keyId(pair.getPublic());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
