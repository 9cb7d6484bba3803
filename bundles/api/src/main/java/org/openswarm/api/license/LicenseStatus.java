package org.openswarm.api.license;

import java.util.List;

/**
 * {@code GET /v1/status} of the license server, open to anyone: the installed licenses (no secrets in them) and the
 * tokens out per feature.
 */
public record LicenseStatus(List<LicenseInfo> licenses, List<Usage> usage) {
}
