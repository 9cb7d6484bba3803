package org.openswarm.api.sn;

/**
 * What {@code GET /is_up} answers while the SN API server is serving.
 *
 * @param status   {@code UP}
 * @param nodeType {@link NodeType#SENTINEL} or {@link NodeType#SN}
 * @param host     the address the API server is bound to
 * @param apiPort  the port the API server is bound to
 */
public record SnStatus(String status, NodeType nodeType, String host, int apiPort) {
    public static final String UP = "UP";
}
