package org.openswarm.swci.internal.task;

import java.util.List;

import org.openswarm.schema.InvalidDocumentException;

/**
 * A task file that cannot be registered. It carries every problem found, not just the first, so an operator fixes
 * the file in one go; each problem names its field path ({@code $.Body.BuildSteps[3]: ...}) or, for YAML that does
 * not parse, its line and column. The problem list and its wording are the shared ones of {@code org.openswarm.schema}.
 */
public final class InvalidTaskDefinitionException extends InvalidDocumentException {

    private static final long serialVersionUID = 1L;

    public InvalidTaskDefinitionException(String source, List<String> problems) {
        super("Invalid task definition " + source, problems);
    }
}
