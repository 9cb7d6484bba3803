package org.openswarm.swci.internal.task;

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
 * Reads task YAML into plain values. Safe loading only: a task file comes from an operator's directory or an upload,
 * so no YAML tag may construct a Java type. Keys become strings and timestamps their text, which is what the JSON
 * schema sees.
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
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(1 << 20);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Object> documents = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(text)) {
                documents.add(document);
            }
        } catch (MarkedYAMLException e) {
            throw new InvalidTaskDefinitionException(source, List.of(describe(e)));
        } catch (YAMLException e) {
            throw new InvalidTaskDefinitionException(source, List.of("malformed YAML: " + e.getMessage()));
        }
        if (documents.size() != 1) {
            throw new InvalidTaskDefinitionException(source,
                    List.of("a task file holds exactly one YAML document, found " + documents.size()));
        }
        return plain(documents.get(0));
    }

    private static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
        return "malformed YAML" + where + ": " + problem + context;
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
