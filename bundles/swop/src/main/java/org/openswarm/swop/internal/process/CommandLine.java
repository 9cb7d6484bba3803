package org.openswarm.swop.internal.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RUN_SWARM task's {@code Command} as arguments: split at whitespace, with single and double quotes grouping, and
 * {@code ${NAME}} replaced by the node's environment (unknown names are an error, so a typo does not run silently).
 * This is how one task command serves every node: {@code --index ${NODE_INDEX}} with {@code NODE_INDEX} from each
 * node's {@code usrenvvars}. No shell is involved.
 */
public final class CommandLine {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private CommandLine() {
    }

    public static List<String> arguments(String command, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        if (command == null)
            return out;
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote)
                    quote = 0;
                else
                    word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord)
                    out.add(substitute(word.toString(), env));
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0)
            throw new IllegalArgumentException("unclosed " + quote + " in Command: " + command);
        if (inWord)
            out.add(substitute(word.toString(), env));
        return out;
    }

    static String substitute(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null)
                throw new IllegalArgumentException("Command uses ${" + m.group(1) + "}, which neither the task's "
                        + "Envvars nor the node's usrenvvars set");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
