package org.openswarm.api.sn;

/**
 * What a joining SN's ledger sends to the sentinel's {@code POST /join}.
 *
 * @param account the Ethereum account the joining SN signs with (0x and 40 hex digits)
 */
public record JoinRequest(String account) {
}
