package org.openswarm.api.ledger;

/**
 * A task as the registry holds it.
 *
 * @param header        its header
 * @param finalized     whether its body is frozen (then it can be assigned, no longer deleted)
 * @param bodyLineCount how many body lines it has
 */
public record TaskInfo(TaskHeader header, boolean finalized, long bodyLineCount) {
}
