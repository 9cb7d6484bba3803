package org.openswarm.swop.internal.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openswarm.swop.internal.profile.Profile.MountType;
import org.openswarm.swop.internal.profile.Profile.NodeDef;
import org.openswarm.swop.internal.profile.Profile.ResourceManagerType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads SWOP profiles: safe YAML (no tag constructs a Java type, duplicate keys are errors), the JSON schema, then the
 * checks a schema cannot express (unique node indexes). Thread-safe; the schema is compiled once.
 */
public final class Profiles {

    private final ProfileSchema schema = new ProfileSchema();

    public Profile load(Path file) throws IOException, InvalidProfileException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** @throws InvalidProfileException listing every problem with its field path, or the YAML error's position */
    public Profile parse(String source, String text) throws InvalidProfileException {
        Object document = read(source, text);
        List<String> problems = new ArrayList<>(schema.problems(document));
        if (problems.isEmpty())
            problems.addAll(duplicateIndexes(document));
        if (!problems.isEmpty())
            throw new InvalidProfileException(source, problems);
        return toProfile(map(document));
    }

    private static Object read(String source, String text) throws InvalidProfileException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(1 << 20);
        List<Object> documents = new ArrayList<>();
        try {
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(text))
                documents.add(document);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new InvalidProfileException(source, List.of("malformed YAML" + where + ": "
                    + (e.getProblem() != null ? e.getProblem() : e.getMessage())));
        } catch (YAMLException e) {
            throw new InvalidProfileException(source, List.of("malformed YAML: " + e.getMessage()));
        }
        if (documents.size() != 1)
            throw new InvalidProfileException(source,
                    List.of("a profile holds exactly one YAML document, found " + documents.size()));
        return plain(documents.get(0));
    }

    private static List<String> duplicateIndexes(Object document) {
        List<String> problems = new ArrayList<>();
        Map<Object, Integer> seen = new HashMap<>();
        List<?> nodes = (List<?>) map(document).get("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            Object idx = map(map(nodes.get(i)).get("slnodedef")).get("idx");
            Integer first = seen.putIfAbsent(idx, i);
            if (first != null)
                problems.add("$.nodes[" + i + "].slnodedef.idx: index " + idx + " is already used by $.nodes[" + first
                        + "]");
        }
        return problems;
    }

    private static Profile toProfile(Map<String, Object> doc) {
        Map<String, Object> locator = map(map(doc.get("apisrv")).get("locator"));
        List<NodeDef> nodes = new ArrayList<>();
        for (Object item : (List<?>) doc.get("nodes")) {
            Map<String, Object> n = map(map(item).get("slnodedef"));
            Map<String, Object> priv = map(n.get("privatedata"));
            nodes.add(new NodeDef(((Number) n.get("idx")).intValue(), (String) n.get("slhostname"),
                    (String) n.get("slhostip"), integer(n.get("slport")), integer(n.get("slmlport")),
                    (String) priv.get("src"), priv.get("mType") == null ? null : MountType.valueOf((String) priv.get("mType")),
                    EnvVars.of(n.get("slenvvars")), EnvVars.of(n.get("usrenvvars")), n));
        }
        return new Profile((String) doc.get("groupname"), (String) doc.get("taskrunner"), (String) doc.get("policyuri"),
                ResourceManagerType.valueOf((String) map(doc.get("resourcemgr")).get("mgrtype")),
                (String) doc.get("network"), (String) locator.get("host"), integer(locator.get("port")),
                (String) locator.get("service"), EnvVars.of(doc.get("envvars")), List.copyOf(nodes), doc);
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
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
        if (value instanceof Date date)
            return date.toInstant().toString();
        if (value instanceof byte[])
            return "<binary>";
        return value;
    }
}
