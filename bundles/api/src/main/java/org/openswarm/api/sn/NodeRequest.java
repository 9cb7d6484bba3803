package org.openswarm.api.sn;

/**
 * What an SL, SWOP or SWCI sends to {@code POST /nodes} to register under its SN.
 *
 * @param uid         the node's UUID; the SN makes one when it is absent
 * @param type        SL, SWOP or SWCI
 * @param name        a readable name, at most 160 bytes
 * @param host        where the node's port answers
 * @param port        the node's port (the SL's file server), 0 when it serves none
 * @param fingerprint SHA-256 of the node's certificate as hex, or null
 */
public record NodeRequest(String uid, NodeType type, String name, String host, int port, String fingerprint) {
}
