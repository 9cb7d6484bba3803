/** SWOP profiles: the reference YAML schema (reference section 4) plus the PROCESS resource manager. */
package org.openswarm.swop.internal.profile;
