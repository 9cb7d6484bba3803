/**
 * How a task body is kept on the ledger: numbered lines of at most 160 bytes (docs/swci.md, "Body encoding"), shared
 * by the SWCI, which writes bodies, and the SWOP, which reads them back.
 */
@Export
@Version("1.0.0")
package org.openswarm.common.task;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
