/**
 * The PROCESS resource manager (design section 8): SLs as factory configurations in the local Karaf, ML programs and
 * build steps as OS processes, run directories of links, user environments and content as directories.
 */
package org.openswarm.swop.internal.process;
