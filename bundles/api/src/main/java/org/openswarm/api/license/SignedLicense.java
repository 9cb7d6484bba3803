package org.openswarm.api.license;

/**
 * A license file: the payload's JSON as base64, and an Ed25519 signature over those exact bytes by the key
 * {@code keyId} (the first 16 hex digits of the SHA-256 of the public key's X.509 encoding). The server accepts a
 * license only when a key it trusts made the signature and the validity period has begun and not ended.
 */
public record SignedLicense(String keyId, String payload, String signature) {
}
