package org.openswarm.api.ledger;

/** What a task does (task schema, reference §5); the order matches the TaskRegistry contract's enum. */
public enum TaskType {
    MAKE_USER_CONTAINER,
    RUN_SWARM,
    MAKE_SWARM_USER_CONTENT,
    PULL_IMAGE,
    MAKE_USER_ENV
}
