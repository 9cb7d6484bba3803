package org.openswarm.license.internal;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicensePayload;
import org.openswarm.api.license.SignedLicense;

/** A signing key for tests, written into a trusted keys directory. */
final class Issuer {
    final KeyPair pair = LicenseSigning.generateKeyPair();
    final String keyId = LicenseSigning.keyId(pair.getPublic());

    /** Writes the key pair as {@code <name>.key} and {@code <name>.pub} into {@code dir}. */
    Issuer writeInto(Path dir, String name) {
        LicenseSigning.writeKeyPair(pair, dir, name);
        return this;
    }

    Map<String, PublicKey> trust() {
        return Map.of(keyId, pair.getPublic());
    }

    SignedLicense sign(LicensePayload payload) {
        return LicenseSigning.sign(payload, pair.getPrivate(), keyId);
    }

    /** A license valid from an hour before {@code now} for a day. */
    SignedLicense license(String id, Instant now, Map<Feature, Integer> features) {
        return sign(new LicensePayload(id, "ACME " + id, features, now.minus(Duration.ofHours(1)).toString(),
                now.plus(Duration.ofDays(1)).toString()));
    }
}
