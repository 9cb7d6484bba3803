package org.openswarm.swop.internal.profile;

import java.util.List;

/** A profile that cannot be used: every problem, one line each, with its field path ({@code $.nodes[0]...}). */
public final class InvalidProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidProfileException(String source, List<String> problems) {
        super("SWOP profile " + source + " is invalid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
