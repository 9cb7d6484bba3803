package org.openswarm.api.ledger;

/**
 * The state of a taskrunner and the status of each of its peers; the order matches the TaskRunner contract's enums.
 * A taskrunner is COMPLETE when every required peer reported COMPLETE and ERROR as soon as one reported ERROR.
 */
public enum TaskState {
    IDLE,
    RUNNING,
    COMPLETE,
    ERROR
}
