package org.openswarm.api.ledger;

/**
 * How a node ends its training ({@code checkinModelOnTrainEnd}); the order matches the contract's enum. SNAPSHOT and
 * ACTIVE nodes keep checking in until the training ends, INACTIVE ones stop at once.
 */
public enum CheckoutMode {
    SNAPSHOT,
    ACTIVE,
    INACTIVE
}
