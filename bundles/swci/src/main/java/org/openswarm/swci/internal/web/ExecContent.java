package org.openswarm.swci.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The web API's answer body (reference §3.8): {@code {"CONTENT": [element, ...]}}. A success sends one element per
 * output line. A failure sends the lines before its {@code ERROR} line one by one, then a single element that starts
 * {@code ERROR } and holds the rest (one problem per line): the reference wrapper stops at the first {@code ERROR }
 * element and keeps it as the error text, so every problem of an invalid task file reaches its caller.
 */
final class ExecContent {
    static final String KEY = "CONTENT";

    private ExecContent() {
    }

    static Map<String, List<String>> of(List<String> lines, boolean success) {
        List<String> content = new ArrayList<>();
        int error = success ? -1 : firstError(lines);
        if (error < 0) {
            content.addAll(lines);
            if (!success)
                content.add("ERROR : command failed");
        } else {
            content.addAll(lines.subList(0, error));
            content.add(String.join("\n", lines.subList(error, lines.size())));
        }
        return Map.of(KEY, content);
    }

    private static int firstError(List<String> lines) {
        for (int i = 0; i < lines.size(); i++)
            if (lines.get(i).startsWith("ERROR "))
                return i;
        return -1;
    }
}
