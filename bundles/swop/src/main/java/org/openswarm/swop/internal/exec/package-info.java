/** The taskrunner loop: enrollment, claims, one task at a time, per-peer status, and what RESET stops. */
package org.openswarm.swop.internal.exec;
