package org.openswarm.swop.internal.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

/**
 * The profile schema ({@code profile-schema.json} beside this class, copied to {@code docs/profile-schema.json}) and
 * one line per problem in the form {@code $.nodes[0].slnodedef.slport: is string, expected [integer, null]}, worded
 * like the SWCI's task problems.
 */
final class ProfileSchema {

    static final String RESOURCE = "profile-schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Schema schema;

    ProfileSchema() {
        try (InputStream in = ProfileSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode node = MAPPER.readTree(in);
            this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem of {@code document} (plain YAML values), each once; empty when it is valid. */
    List<String> problems(Object document) {
        JsonNode node = MAPPER.valueToTree(document);
        Set<String> out = new LinkedHashSet<>();
        for (Error error : schema.validate(node)) {
            String line = describe(error);
            if (line != null) {
                out.add(line);
            }
        }
        return new ArrayList<>(out);
    }

    private static String describe(Error error) {
        String path = path(error.getInstanceLocation());
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String property = error.getProperty() == null ? "" : error.getProperty();
        switch (keyword) {
            case "required":
                return join(path, property) + ": required field is missing";
            case "additionalProperties":
                return join(path, property) + ": unknown field (not allowed here)";
            case "maxLength":
                return path + ": longer than " + arg(args, 0) + " characters";
            case "minLength":
                return path + ": shorter than " + arg(args, 0) + " characters";
            case "minItems":
                return path + ": fewer than " + arg(args, 0) + " items";
            case "enum":
                return path + ": must be one of " + arg(args, 0);
            case "const":
                return null; // only the if/then conditions use const
            case "type":
                return path + ": is " + arg(args, 0) + ", expected " + arg(args, 1);
            case "minimum":
                return path + ": must be at least " + arg(args, 0);
            case "maximum":
                return path + ": must be at most " + arg(args, 0);
            case "minProperties":
            case "maxProperties":
                return path + ": must hold exactly one key";
            case "anyOf":
                return path + ": must be null, a map or a list of strings";
            case "if":
            case "then":
            case "else":
            case "allOf":
            case "$ref":
                return null;
            default:
                return path + ": " + error.getMessage();
        }
    }

    private static String arg(Object[] args, int i) {
        return i < args.length ? String.valueOf(args[i]) : "?";
    }

    private static String join(String path, String property) {
        return property.isEmpty() ? path : path + "." + property;
    }

    static String path(NodePath location) {
        StringBuilder out = new StringBuilder("$");
        if (location == null) {
            return out.toString();
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number n) {
                out.append('[').append(n).append(']');
            } else {
                out.append('.').append(element);
            }
        }
        return out.toString();
    }
}
