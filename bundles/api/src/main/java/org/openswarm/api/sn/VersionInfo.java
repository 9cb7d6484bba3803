package org.openswarm.api.sn;

/**
 * What {@code GET /version} answers.
 *
 * @param product    always {@code OpenSwarm}
 * @param component  the component answering, e.g. {@code SN}
 * @param version    the product version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param apiVersion the REST API generation; clients refuse a server whose generation they do not speak
 */
public record VersionInfo(String product, String component, String version, int apiVersion) {
    public static final String PRODUCT = "OpenSwarm";
    public static final int API_VERSION = 1;
}
