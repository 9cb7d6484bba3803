package org.openswarm.api.license;

import java.util.Map;

/**
 * What a license says, the signed part of a {@link SignedLicense}.
 *
 * @param id        unique id of the license
 * @param licensee  who it is for
 * @param features  capacity per feature: how many tokens may be out at once; -1 means unlimited
 * @param notBefore ISO-8601 instant from which it is valid
 * @param notAfter  ISO-8601 instant after which it is not
 */
public record LicensePayload(String id, String licensee, Map<Feature, Integer> features, String notBefore,
        String notAfter) {
    public static final int UNLIMITED = -1;
}
