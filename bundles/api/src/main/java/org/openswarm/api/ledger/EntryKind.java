package org.openswarm.api.ledger;

/** What a directory entry names; the order matches the Registry contract's enum. */
public enum EntryKind {
    TRAINING_CONTRACT,
    TASKRUNNER,
    TASK_REGISTRY
}
