package org.openswarm.swop.internal.profile;

import java.util.List;

import org.openswarm.schema.InvalidDocumentException;

/**
 * A profile that cannot be used: every problem, one line each, with its field path ({@code $.nodes[0]...}); the
 * problem list and its wording are the shared ones of {@code org.openswarm.schema}.
 */
public final class InvalidProfileException extends InvalidDocumentException {
    private static final long serialVersionUID = 1L;

    public InvalidProfileException(String source, List<String> problems) {
        super("SWOP profile " + source + " is invalid", problems);
    }
}
