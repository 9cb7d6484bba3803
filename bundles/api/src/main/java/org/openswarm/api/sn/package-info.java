/**
 * The Swarm Network node as other components see it.
 */
@Export
@Version("1.2.0")
package org.openswarm.api.sn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
