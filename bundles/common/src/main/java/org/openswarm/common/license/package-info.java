/** What every component does with its license lease (design §10), written once. */
@Export
@Version("1.0.0")
package org.openswarm.common.license;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
