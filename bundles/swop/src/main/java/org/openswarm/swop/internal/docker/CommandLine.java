package org.openswarm.swop.internal.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a task's {@code Entrypoint} or {@code Command} into arguments the way run-sl splits {@code --ml-cmd}: on
 * blanks, with double quotes keeping a blank inside one argument.
 */
final class CommandLine {

    private CommandLine() {
    }

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean inArg = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inArg = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inArg) {
                    args.add(cur.toString());
                    cur.setLength(0);
                    inArg = false;
                }
            } else {
                cur.append(c);
                inArg = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced double quote in '" + line + "'");
        }
        if (inArg) {
            args.add(cur.toString());
        }
        return args;
    }
}
