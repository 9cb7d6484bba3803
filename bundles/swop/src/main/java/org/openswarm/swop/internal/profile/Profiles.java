package org.openswarm.swop.internal.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openswarm.schema.InvalidDocumentException;
import org.openswarm.schema.YamlDocuments;
import org.openswarm.swop.internal.profile.Profile.MountType;
import org.openswarm.swop.internal.profile.Profile.NodeDef;
import org.openswarm.swop.internal.profile.Profile.ResourceManagerType;

/**
 * Loads SWOP profiles: the shared safe YAML loader (no tag constructs a Java type, duplicate keys are errors), the
 * JSON schema, then the checks a schema cannot express (unique node indexes). Thread-safe; the schema is compiled once.
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
        try {
            return YamlDocuments.readOne(text, "a profile");
        } catch (InvalidDocumentException e) {
            throw new InvalidProfileException(source, e.problems());
        }
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
}
