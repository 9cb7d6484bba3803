package org.openswarm.api.ledger;

/**
 * A task's header.
 *
 * @param name     unique among live tasks, 1..160 bytes
 * @param taskType what the task does
 * @param author   free text, at most 160 bytes
 * @param prereq   the task this one builds on, {@code ROOTTASK} for none; at most 160 bytes
 * @param outcome  the artifact it produces (image tag, volume name); at most 160 bytes
 */
public record TaskHeader(String name, TaskType taskType, String author, String prereq, String outcome) {
}
