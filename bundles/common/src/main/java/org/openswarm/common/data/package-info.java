/** Where components keep their files: under {@code ${karaf.data}/openswarm/}. */
@Export
@Version("1.0.0")
package org.openswarm.common.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
