package org.openswarm.swci.internal.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openswarm.api.ledger.TaskType;

/**
 * Loads task definition files: YAML, checked against the task schema, turned into a {@link TaskDefinition}.
 * This is the one gate a task passes before {@code CREATE TASK FROM} registers it, so nothing reaches the ledger
 * that the schema rejects. Thread-safe; build one and keep it (the schema is compiled once).
 */
public final class TaskDefinitions {

    private final TaskSchema schema = new TaskSchema();

    /** Reads and validates the task file at {@code file}. */
    public TaskDefinition load(Path file) throws IOException, InvalidTaskDefinitionException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Validates the YAML {@code text}.
     *
     * @param source what to call the text in messages (its file name)
     * @throws InvalidTaskDefinitionException listing every problem: YAML syntax with line and column, or every
     *                                        schema violation with its field path
     */
    public TaskDefinition parse(String source, String text) throws InvalidTaskDefinitionException {
        Object document = TaskYaml.read(source, text);
        List<String> problems = schema.problems(document);
        if (!problems.isEmpty()) {
            throw new InvalidTaskDefinitionException(source, problems);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> task = (Map<String, Object>) document;
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) task.get("Body"));
        return new TaskDefinition((String) task.get("Name"), TaskType.valueOf((String) task.get("TaskType")),
                (String) task.get("Author"), (String) task.get("Prereq"), (String) task.get("Outcome"),
                body, TaskBodyCodec.encode(body));
    }
}
