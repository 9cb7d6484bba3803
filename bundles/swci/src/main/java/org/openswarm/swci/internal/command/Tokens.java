package org.openswarm.swci.internal.command;

import java.util.Locale;

/**
 * A cursor over one command line's whitespace-separated words. It keeps the raw text so a command can take "the rest
 * of the line" verbatim (APPEND TASK BODY, SET CONTEXT ENV), and it words every error the same way: what was
 * expected, what was found, and the usage of the command at hand.
 */
final class Tokens {

    private final String line;
    private int pos;
    private String usageKey = "";

    Tokens(String line) {
        this.line = line;
    }

    /** Which HELP entries to quote when something is wrong from now on. */
    void usage(String keywords) {
        this.usageKey = keywords;
    }

    boolean atEnd() {
        skipSpaces();
        return pos >= line.length();
    }

    /** The next word, or null at the end; does not consume it. */
    String peek() {
        skipSpaces();
        if (pos >= line.length()) {
            return null;
        }
        int end = pos;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(pos, end);
    }

    /** Whether the next word is {@code keyword} (any case); consumes it when it is. */
    boolean accept(String keyword) {
        String word = peek();
        if (word != null && word.equalsIgnoreCase(keyword)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    /** Consumes {@code keyword} or fails naming it. */
    void expect(String keyword) throws CommandSyntaxException {
        if (!accept(keyword)) {
            throw error("expected " + keyword);
        }
    }

    /** The next word as typed; fails naming {@code what} when there is none. */
    String word(String what) throws CommandSyntaxException {
        String word = peek();
        if (word == null) {
            throw error("missing " + what);
        }
        pos += word.length();
        return word;
    }

    /** The next word if there is one, else null. */
    String optionalWord() {
        String word = peek();
        if (word != null) {
            pos += word.length();
        }
        return word;
    }

    /** A non-negative whole number. */
    int number(String what) throws CommandSyntaxException {
        String word = word(what);
        return parseNumber(word, what);
    }

    /** A non-negative whole number if one follows, else null. */
    Integer optionalNumber(String what) throws CommandSyntaxException {
        String word = optionalWord();
        return word == null ? null : parseNumber(word, what);
    }

    /** The rest of the line, one leading space removed, otherwise as typed; fails when empty. */
    String rest(String what) throws CommandSyntaxException {
        if (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        String rest = line.substring(Math.min(pos, line.length()));
        pos = line.length();
        if (rest.isBlank()) {
            throw error("missing " + what);
        }
        return rest;
    }

    /** Fails when anything is left. */
    void end() throws CommandSyntaxException {
        String extra = peek();
        if (extra != null) {
            throw error("unexpected '" + extra + "'");
        }
    }

    CommandSyntaxException error(String problem) {
        return new CommandSyntaxException(problem + "." + HelpText.usage(usageKey));
    }

    private int parseNumber(String word, String what) throws CommandSyntaxException {
        try {
            int value = Integer.parseInt(word);
            if (value < 0) {
                throw error(what + " must not be negative, got '" + word + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw error("expected " + what + " as a whole number, got '" + word + "'");
        }
    }

    private void skipSpaces() {
        while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
    }

    static String upper(String word) {
        return word == null ? null : word.toUpperCase(Locale.ROOT);
    }
}
