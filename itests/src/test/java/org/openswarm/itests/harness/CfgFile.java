package org.openswarm.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sets keys in a config-admin {@code .cfg} file the way an operator edits it: an active {@code key = value} line is
 * replaced in place, otherwise one is appended. The file is replaced atomically so Felix fileinstall never reads half a
 * file.
 */
final class CfgFile {
    private CfgFile() {
    }

    static void set(Path file, String key, String value) {
        try {
            List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
            Pattern active = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*");
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++)
                if (active.matcher(lines.get(i)).matches()) {
                    lines.set(i, key + " = " + value);
                    replaced = true;
                }
            if (!replaced)
                lines.add(key + " = " + value);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot edit " + file, e);
        }
    }

    /**
     * Removes entries from a comma-separated, backslash-continued list value such as Karaf's {@code featuresBoot}; an
     * entry {@code name/version} goes when its name is listed.
     */
    static void removeListEntries(Path file, String key, List<String> names) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            int start = -1;
            for (int i = 0; i < lines.size(); i++)
                if (lines.get(i).matches("^\\s*" + Pattern.quote(key) + "\\s*=.*"))
                    start = i;
            if (start < 0)
                throw new IllegalArgumentException(key + " not found in " + file);
            int end = start;
            while (lines.get(end).trim().endsWith("\\"))
                end++;
            StringBuilder joined = new StringBuilder();
            for (int i = start; i <= end; i++) {
                String line = lines.get(i).trim();
                joined.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line);
            }
            String value = joined.substring(joined.indexOf("=") + 1);
            List<String> kept = new ArrayList<>();
            for (String entry : value.split(",")) {
                String trimmed = entry.trim();
                String name = trimmed.contains("/") ? trimmed.substring(0, trimmed.indexOf('/')) : trimmed;
                if (!trimmed.isEmpty() && !names.contains(name))
                    kept.add(trimmed);
            }
            for (int i = end; i >= start; i--)
                lines.remove(i);
            lines.add(start, key + " = " + String.join(", ", kept));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot edit " + file, e);
        }
    }
}
