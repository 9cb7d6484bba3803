package org.openswarm.schema;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/**
 * The operator's wording of one validator error. The validator's own messages are accurate but generic; operators
 * get {@code $.path: what is wrong} in a few fixed phrases, the same for every OpenSwarm document.
 */
final class ProblemWording {

    private ProblemWording() {
    }

    /** One line for one validator error; null for the errors that only repeat a more precise one. */
    static String describe(Error error) {
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
            case "maxItems":
                return path + ": more than " + arg(args, 0) + " items";
            case "minItems":
                return path + ": fewer than " + arg(args, 0) + " items";
            case "enum":
                return path + ": must be one of " + arg(args, 0);
            case "type":
                return path + ": is " + arg(args, 0) + ", expected " + arg(args, 1);
            case "uniqueItems":
                return path + ": items must be unique";
            case "minimum":
                return path + ": must be at least " + arg(args, 0);
            case "maximum":
                return path + ": must be at most " + arg(args, 0);
            case "minProperties":
            case "maxProperties":
                return path + ": must hold exactly one key";
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

    /** {@code $.Body.BuildSteps[3]} from the validator's node path. */
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
