/**
 * The REST server every OpenSwarm port runs on: routes, requests, replies, options and the error-to-status mapping.
 * Jetty stays behind these types so components never depend on it directly.
 */
@Export
@Version("1.0.0")
package org.openswarm.common.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
