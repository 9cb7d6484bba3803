package org.openswarm.api.ledger;

import java.util.Map;

/**
 * What the sentinel's ledger grants a joining SN: the chain to sign for and where the contracts are.
 *
 * @param chainId   the chain id
 * @param contracts contract name to address
 */
public record JoinGrant(long chainId, Map<String, String> contracts) {
}
