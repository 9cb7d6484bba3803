/**
 * The ledger as the SN sees it: node registry, heartbeats, the directory of named contracts, training contracts,
 * tasks and taskrunners. web3j and contract wrappers stay inside the ledger bundle; nothing here names them.
 */
@Export
@Version("3.0.0")
package org.openswarm.api.ledger;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
