package org.openswarm.swci.internal.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.openswarm.api.ledger.TaskHeader;
import org.openswarm.api.ledger.TaskType;

/**
 * A validated task definition: the header the task registry keeps as fields, and the body it keeps as lines.
 * Only {@link TaskDefinitions} makes these, so every instance has passed the task schema.
 *
 * @param name      unique task name, 1..160 characters
 * @param type      what the task does
 * @param author    free text
 * @param prereq    the task this one builds on ({@code ROOTTASK} for none)
 * @param outcome   the artifact it produces
 * @param body      the type-specific body as plain YAML values (maps, lists, strings, numbers, booleans, null)
 * @param bodyLines the body as the registry stores it ({@link TaskBodyCodec#encode})
 */
public record TaskDefinition(String name, TaskType type, String author, String prereq, String outcome,
                             Map<String, Object> body, List<String> bodyLines) {

    public TaskDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        bodyLines = List.copyOf(bodyLines);
    }

    /** The header as the ledger API takes it. */
    public TaskHeader header() {
        return new TaskHeader(name, type, author, prereq, outcome);
    }
}
