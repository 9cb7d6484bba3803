package org.openswarm.sl.internal.command;

import java.util.List;

import org.openswarm.sl.internal.SlInstance;

/** Picks the SL a command is about. */
final class SlInstances {
    private SlInstances() {
    }

    static SlInstance pick(List<SlInstance> instances, String name) {
        if (instances == null || instances.isEmpty())
            throw new IllegalStateException("No SL runs here: add etc/org.openswarm.sl-<name>.cfg (feature "
                    + "openswarm-sl)");
        if (name == null || name.isBlank()) {
            if (instances.size() == 1)
                return instances.get(0);
            throw new IllegalArgumentException("Several SLs run here; name one of " + names(instances));
        }
        return instances.stream().filter(sl -> sl.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("No SL named '" + name + "'; these run: " + names(instances)));
    }

    static List<String> names(List<SlInstance> instances) {
        return instances.stream().map(SlInstance::name).sorted().toList();
    }
}
