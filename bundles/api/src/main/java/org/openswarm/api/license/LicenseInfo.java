package org.openswarm.api.license;

import java.util.Map;

/**
 * An installed license as the server lists it.
 *
 * @param builtIn true for the community license every server has, which cannot be removed
 * @param notBefore epoch seconds
 * @param notAfter  epoch seconds
 */
public record LicenseInfo(String id, String licensee, Map<Feature, Integer> features, long notBefore, long notAfter,
        String keyId, boolean builtIn) {
}
