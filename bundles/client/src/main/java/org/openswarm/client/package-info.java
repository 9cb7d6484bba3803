/**
 * The Java SwarmCallback: an ML program syncs its parameters with its Swarm Learning node through
 * {@link org.openswarm.client.SwarmCallback}, following the reference callback's parameters and lifecycle.
 */
@Export
@Version("1.0.0")
package org.openswarm.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
