/**
 * Floating licenses: the license server's wire types and the lease every component holds while it runs
 * (design §10). A node that cannot reach its license server still starts; only after the grace period without a
 * token does it refuse new training sessions.
 */
@Export
@Version("1.0.0")
package org.openswarm.api.license;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
