package org.openswarm.api.license;

/**
 * {@code POST /v1/tokens}: a component asks for a token. Asking again for the same feature and holder returns the
 * token it already holds.
 *
 * @param feature what the token is for
 * @param holder  the uid of the component that holds it (its node uid)
 */
public record TokenRequest(Feature feature, String holder) {
}
