/**
 * The typed client of the SN REST API (docs/sn-api.md), written once for the SL, the SWOP and the SWCI, which reach
 * the ledger only through their SN.
 */
@Export
@Version("1.1.0")
package org.openswarm.common.sn;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
