package org.openswarm.schema;

import java.util.List;

/**
 * A document that cannot be used. It carries every problem found, not just the first, so an operator fixes the file
 * in one go; each problem names its field path ({@code $.Body.BuildSteps[3]: ...}) or, for YAML that does not parse,
 * its line and column. Bundles subclass it to give their documents their own type and heading.
 */
public class InvalidDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidDocumentException(List<String> problems) {
        this("Invalid document", problems);
    }

    /** @param heading the message's first line, e.g. {@code Invalid task definition mnist.yaml} */
    protected InvalidDocumentException(String heading, List<String> problems) {
        super(heading + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in document order where the validator gives one. */
    public List<String> problems() {
        return problems;
    }
}
