package org.openswarm.swop.internal.exec;

import java.util.Map;

import org.openswarm.api.ledger.TaskType;

/**
 * A task as the SWOP runs it: the registry's header and the decoded body.
 *
 * @param name    the task's name
 * @param type    what it does
 * @param prereq  the task it builds on ({@code ROOTTASK} for none)
 * @param outcome what it produces (an environment or content name, an image tag)
 * @param body    the body as plain YAML values
 */
public record TaskSpec(String name, TaskType type, String prereq, String outcome, Map<String, Object> body) {
    public static final String ROOTTASK = "ROOTTASK";

    public boolean hasPrereq() {
        return prereq != null && !prereq.isBlank() && !ROOTTASK.equalsIgnoreCase(prereq);
    }

    public String string(String field) {
        Object value = body.get(field);
        return value == null ? null : String.valueOf(value);
    }
}
