package org.openswarm.swop.internal.exec;

/**
 * One claimed assignment for a resource manager.
 *
 * @param task         the task to run
 * @param prereq       its prerequisite task, null for {@code ROOTTASK}
 * @param assignmentId the taskrunner's assignment it belongs to
 */
public record TaskRun(TaskSpec task, TaskSpec prereq, long assignmentId) {
}
