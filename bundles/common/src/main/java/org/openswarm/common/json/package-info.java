/** The one Gson configuration used on every port and by every client. */
@Export
@Version("1.0.0")
package org.openswarm.common.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
