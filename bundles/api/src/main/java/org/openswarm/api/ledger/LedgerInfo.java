package org.openswarm.api.ledger;

import java.util.Map;

/**
 * The state of the ledger as this SN sees it.
 *
 * @param backend     {@code embedded} or {@code rpc}
 * @param chainId     the chain id transactions are signed for
 * @param blockHeight the latest block, or -1 when the chain does not answer
 * @param account     the account this SN signs with
 * @param contracts   contract name to address (e.g. {@code Registry})
 * @param healthy     whether the chain answers and the supervisor sees no stall
 * @param detail      what is wrong when not healthy, else a short status
 */
public record LedgerInfo(String backend, long chainId, long blockHeight, String account, Map<String, String> contracts,
        boolean healthy, String detail) {
}
