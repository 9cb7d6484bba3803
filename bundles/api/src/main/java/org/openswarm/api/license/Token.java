package org.openswarm.api.license;

/**
 * A leased token. It lapses at {@code expiresAt} unless renewed ({@code POST /v1/tokens/{id}/renew}); a clean
 * shutdown releases it ({@code DELETE /v1/tokens/{id}}).
 *
 * @param id         the token's id
 * @param feature    what it is for
 * @param holder     who holds it
 * @param licenseId  the license whose capacity it counts against
 * @param expiresAt  epoch seconds
 * @param ttlSeconds how long a lease or a renewal lasts
 */
public record Token(String id, Feature feature, String holder, String licenseId, long expiresAt, int ttlSeconds) {
}
