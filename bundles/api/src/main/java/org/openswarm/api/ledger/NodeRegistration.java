package org.openswarm.api.ledger;

import org.openswarm.api.sn.NodeType;

/**
 * What a node registers with.
 *
 * @param uid         the node's UUID
 * @param type        its role
 * @param name        a readable name (at most 160 bytes)
 * @param host        where its port answers
 * @param port        its API or file-server port
 * @param parentUid   the UUID of the SN it belongs to, or null for an SN
 * @param fingerprint SHA-256 of its identity certificate as 64 hex digits, or null without identities
 * @param account     the Ethereum account an SN signs with (0x...), or null for other nodes
 */
public record NodeRegistration(String uid, NodeType type, String name, String host, int port, String parentUid,
        String fingerprint, String account) {
}
