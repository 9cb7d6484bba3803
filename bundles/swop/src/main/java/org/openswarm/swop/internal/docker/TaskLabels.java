package org.openswarm.swop.internal.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels this SWOP puts on every container it starts for a task. RESET TASKRUNNER lists containers by the
 * first two (this SWOP, this taskrunner) and removes them; the others tell an operator what a container is.
 */
public final class TaskLabels {

    public static final String PREFIX = "org.openswarm.swop.";
    public static final String SWOP = PREFIX + "swop";
    public static final String TASKRUNNER = PREFIX + "taskrunner";
    public static final String TASK = PREFIX + "task";
    public static final String GROUP = PREFIX + "group";
    public static final String NODE = PREFIX + "node";
    public static final String ROLE = PREFIX + "role";

    private TaskLabels() {
    }

    /** Labels for one container of a pair; user labels from the profile come first, ours win on a clash. */
    public static Map<String, String> forContainer(Map<String, String> userLabels, String swop, String taskrunner,
                                                   String task, String group, int nodeIdx, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (userLabels != null) {
            labels.putAll(userLabels);
        }
        labels.put(SWOP, swop);
        labels.put(TASKRUNNER, taskrunner);
        labels.put(TASK, task);
        labels.put(GROUP, group);
        labels.put(NODE, Integer.toString(nodeIdx));
        labels.put(ROLE, role);
        return labels;
    }

    /** The filter RESET uses: every container this SWOP started for this taskrunner. */
    public static Map<String, String> resetFilter(String swop, String taskrunner) {
        return Map.of(SWOP, swop, TASKRUNNER, taskrunner);
    }
}
