package org.openswarm.swci.internal.task;

import java.util.List;

/**
 * A task file that cannot be registered. It carries every problem found, not just the first, so an operator fixes
 * the file in one go; each problem names its field path ({@code $.Body.BuildSteps[3]: ...}) or, for YAML that does
 * not parse, its line and column.
 */
public final class InvalidTaskDefinitionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidTaskDefinitionException(String source, List<String> problems) {
        super("Invalid task definition " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in document order where the validator gives one. */
    public List<String> problems() {
        return problems;
    }
}
