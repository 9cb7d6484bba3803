package org.openswarm.swci.internal.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openswarm.common.task.TaskBodyLines;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * How a task body becomes the lines the task registry keeps, and back.
 *
 * <p>The registry keeps a body as numbered lines of at most {@value #MAX_LINE_BYTES} bytes, and the reference shows
 * it as YAML ({@code 0000: ---}, {@code 0001: BuildContext : sl-cli-lib}). So the body is written as block-style
 * YAML, line 0 being {@code ---}, with non-ASCII characters escaped ({@code "\u00e9"}) so that characters and bytes
 * agree. A YAML line still longer than the slot (a 160-character build step plus its indentation) is cut into
 * pieces; every piece but the last ends with {@value #CONTINUED}, a character the ASCII-only YAML never contains.
 * Reading joins the pieces and parses the YAML, so lines written by hand with {@code APPEND TASK BODY} decode the
 * same way.
 */
public final class TaskBodyCodec {

    /** The task registry's limit for one body line. */
    public static final int MAX_LINE_BYTES = TaskBodyLines.MAX_LINE_BYTES;

    /** Ends a stored line that the next stored line continues. */
    public static final String CONTINUED = TaskBodyLines.CONTINUED;

    private TaskBodyCodec() {
    }

    /** The stored lines of {@code body}: {@code ---}, then its YAML, each line at most 160 bytes. */
    public static List<String> encode(Map<String, Object> body) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(false);
        options.setIndent(2);
        options.setWidth(120);
        options.setSplitLines(false);
        return TaskBodyLines.split(new Yaml(options).dump(body));
    }

    /**
     * The body that {@code lines} hold.
     *
     * @throws IllegalArgumentException when the joined lines are not a YAML mapping
     */
    public static Map<String, Object> decode(List<String> lines) {
        String yaml = TaskBodyLines.join(lines);
        Object value;
        try {
            value = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("task body is not valid YAML: " + e.getMessage(), e);
        }
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("task body is not a YAML mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** {@code GET TASK BODY}'s rendering: {@code 0000: ---}, {@code 0001: ...}. */
    public static List<String> numbered(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(String.format("%04d: %s", i, lines.get(i)));
        }
        return out;
    }
}
