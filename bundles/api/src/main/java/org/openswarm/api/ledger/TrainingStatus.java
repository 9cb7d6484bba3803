package org.openswarm.api.ledger;

/** The state of a training contract; the order matches the contract's enum. */
public enum TrainingStatus {
    ACTIVE,
    FINISHED
}
