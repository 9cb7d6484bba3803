package org.openswarm.schema;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads operator YAML into plain values. Safe loading only: these files come from an operator's directory or an
 * upload, so no YAML tag may construct a Java type, duplicate keys are errors, and aliases and size are bounded.
 * Keys become strings, timestamps their ISO text and binary a placeholder, which is what a JSON schema sees.
 */
public final class YamlDocuments {

    private YamlDocuments() {
    }

    /**
     * The single document of {@code text}.
     *
     * @param what what one file holds, for the message when it holds no document or several (e.g. "a task file")
     * @throws InvalidDocumentException with one problem: the YAML error with its line and column, or the count
     */
    public static Object readOne(String text, String what) throws InvalidDocumentException {
        List<Object> documents = readAll(text);
        if (documents.size() != 1) {
            throw new InvalidDocumentException(
                    List.of(what + " holds exactly one YAML document, found " + documents.size()));
        }
        return documents.get(0);
    }

    /**
     * Every document of {@code text}, as plain values.
     *
     * @throws InvalidDocumentException with one problem, the YAML error with its line and column
     */
    public static List<Object> readAll(String text) throws InvalidDocumentException {
        Yaml yaml = new Yaml(new SafeConstructor(options()));
        List<Object> documents = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(text)) {
                documents.add(plain(document));
            }
        } catch (MarkedYAMLException e) {
            throw new InvalidDocumentException(List.of(malformed(e)));
        } catch (YAMLException e) {
            throw new InvalidDocumentException(List.of("malformed YAML: " + e.getMessage()));
        }
        return documents;
    }

    /** {@code malformed YAML at line L, column C: problem (context)}, lines and columns counted from 1. */
    static String malformed(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
        return "malformed YAML" + where + ": " + problem + context;
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(1 << 20);
        return options;
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof byte[]) {
            return "<binary>";
        }
        return value;
    }
}
