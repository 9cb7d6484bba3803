package org.openswarm.common.task;

import java.util.ArrayList;
import java.util.List;

/**
 * The line format of a stored task body, free of any YAML library: the task registry keeps a body as lines of at most
 * {@value #MAX_LINE_BYTES} bytes, line 0 being {@code ---}; a YAML line longer than that is cut into pieces, every
 * piece but the last ending with {@value #CONTINUED}. The writer (SWCI) makes the YAML ASCII-only, so characters and
 * bytes agree and the marker never occurs in the text itself.
 */
public final class TaskBodyLines {

    /** The task registry's limit for one body line. */
    public static final int MAX_LINE_BYTES = 160;

    /** Ends a stored line that the next stored line continues. */
    public static final String CONTINUED = "\u21A9";

    private static final int PIECE_CHARS = MAX_LINE_BYTES - 3; // U+21A9 is 3 bytes of UTF-8

    private TaskBodyLines() {
    }

    /** The stored lines of the ASCII YAML text {@code yaml}: {@code ---}, then its non-empty lines, cut to the slot. */
    public static List<String> split(String yaml) {
        List<String> lines = new ArrayList<>();
        lines.add("---");
        for (String line : yaml.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            while (line.length() > MAX_LINE_BYTES) {
                lines.add(line.substring(0, PIECE_CHARS) + CONTINUED);
                line = line.substring(PIECE_CHARS);
            }
            lines.add(line);
        }
        return lines;
    }

    /** The YAML text that the stored {@code lines} hold, with cut lines joined again. */
    public static String join(List<String> lines) {
        StringBuilder yaml = new StringBuilder();
        for (String line : lines) {
            if (line.endsWith(CONTINUED)) {
                yaml.append(line, 0, line.length() - CONTINUED.length());
            } else {
                yaml.append(line).append('\n');
            }
        }
        return yaml.toString();
    }
}
