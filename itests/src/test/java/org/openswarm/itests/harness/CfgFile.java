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
}
