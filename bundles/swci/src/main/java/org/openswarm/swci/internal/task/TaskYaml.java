package org.openswarm.swci.internal.task;

import org.openswarm.schema.InvalidDocumentException;
import org.openswarm.schema.YamlDocuments;

/**
 * Reads task YAML into plain values with the shared safe loader: a task file comes from an operator's directory or
 * an upload, so no YAML tag may construct a Java type and duplicate keys are errors.
 */
final class TaskYaml {

    private TaskYaml() {
    }

    /**
     * The single document of {@code text}.
     *
     * @throws InvalidTaskDefinitionException with one problem naming line and column when the YAML does not parse,
     *                                        or when the file holds no document or several
     */
    static Object read(String source, String text) throws InvalidTaskDefinitionException {
        try {
            return YamlDocuments.readOne(text, "a task file");
        } catch (InvalidDocumentException e) {
            throw new InvalidTaskDefinitionException(source, e.problems());
        }
    }
}
