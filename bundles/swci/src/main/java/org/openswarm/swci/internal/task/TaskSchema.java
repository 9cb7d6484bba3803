package org.openswarm.swci.internal.task;

import java.util.List;

import org.openswarm.schema.DocumentSchema;

/**
 * The task schema ({@code task-schema.json} beside this class, copied to {@code docs/task-schema.json}). Operators
 * get one line per problem in the shared wording, e.g. {@code $.Body.BuildSteps[3]: longer than 160 characters}.
 */
final class TaskSchema {

    static final String RESOURCE = "task-schema.json";

    private final DocumentSchema schema = DocumentSchema.load(TaskSchema.class, RESOURCE);

    /** Every problem of {@code document} (plain YAML values), each once; empty when it is valid. */
    List<String> problems(Object document) {
        return schema.problems(document);
    }
}
