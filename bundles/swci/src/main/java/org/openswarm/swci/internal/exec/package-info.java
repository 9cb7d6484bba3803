/** The SWCI executor: a session that runs parsed commands against the SN of its current context, and scripts. */
package org.openswarm.swci.internal.exec;
