package org.openswarm.api.sn;

/** The roles a node registers with on the ledger (design §4). */
public enum NodeType {
    SENTINEL,
    SN,
    SL,
    SWOP,
    SWCI
}
