package org.openswarm.api.sn;

import java.util.Map;

/**
 * The sentinel's answer to {@code POST /join}: everything a joining SN's ledger needs.
 *
 * @param chainId   the chain id to sign for
 * @param contracts contract name to address
 * @param relayPort the sentinel's ledger port (30303), where its SN relays JSON-RPC to the chain
 */
public record JoinAnswer(long chainId, Map<String, String> contracts, int relayPort) {
}
