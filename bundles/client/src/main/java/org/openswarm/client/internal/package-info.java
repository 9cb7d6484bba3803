/** The callback's machinery: validated parameters, the countdown, the ML API client and the log format. Private. */
package org.openswarm.client.internal;
