/**
 * The error vocabulary shared by every OpenSwarm component.
 */
@Export
@Version("1.0.0")
package org.openswarm.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
