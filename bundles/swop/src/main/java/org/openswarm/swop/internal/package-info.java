/** The SWOP component, its configuration and the taskrunner loop's wiring to OSGi. */
package org.openswarm.swop.internal;
