package org.openswarm.swop.internal.profile;

import java.util.List;

import org.openswarm.schema.DocumentSchema;

/**
 * The profile schema ({@code profile-schema.json} beside this class, copied to {@code docs/profile-schema.json}) and
 * one line per problem in the form {@code $.nodes[0].slnodedef.slport: is string, expected [integer, null]}, in the
 * wording shared with the SWCI's task problems, plus the profile's own phrases.
 */
final class ProfileSchema {

    static final String RESOURCE = "profile-schema.json";

    private final DocumentSchema schema = DocumentSchema.load(ProfileSchema.class, RESOURCE)
            // only the if/then conditions use const: its errors repeat the precise ones
            .withWording("const", null)
            // labels accept these three shapes
            .withWording("anyOf", "must be null, a map or a list of strings");

    /** Every problem of {@code document} (plain YAML values), each once; empty when it is valid. */
    List<String> problems(Object document) {
        return schema.problems(document);
    }
}
