package org.openswarm.swop.internal.exec;

import java.util.LinkedHashMap;
import java.util.Map;

import org.openswarm.api.ledger.TaskHeader;
import org.openswarm.api.ledger.TaskInfo;
import org.openswarm.common.sn.SnClient;
import org.openswarm.common.task.TaskBodyLines;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a task from the task registry through the SN: header and body lines, joined and parsed as safe YAML. */
public final class TaskSource {
    private TaskSource() {
    }

    /** @throws IllegalArgumentException when the stored body is not a YAML mapping */
    public static TaskSpec read(SnClient sn, String name) {
        TaskInfo info = sn.task(name);
        TaskHeader header = info.header();
        return new TaskSpec(header.name(), header.taskType(), header.prereq(), header.outcome(),
                decode(sn.taskBody(name)));
    }

    public static Map<String, Object> decode(java.util.List<String> lines) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Object value;
        try {
            value = new Yaml(new SafeConstructor(options)).load(TaskBodyLines.join(lines));
        } catch (YAMLException e) {
            throw new IllegalArgumentException("the task body is not valid YAML: " + e.getMessage(), e);
        }
        if (value == null)
            return Map.of();
        if (!(value instanceof Map<?, ?> map))
            throw new IllegalArgumentException("the task body is not a YAML mapping");
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
