package org.openswarm.swci.internal.command;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one-line syntax of every command, for {@code HELP}, {@code HELP <command>} and the parser's error messages.
 * One list so the help and the errors cannot drift apart.
 */
public final class HelpText {

    /** Every command's syntax, grouped as the reference tables 3.2 to 3.6. */
    public static final List<String> SYNTAX = List.of(
            "CREATE CONTEXT <name> WITH IP <ip-or-fqdn> [port]",
            "CREATE CONTEXT <name> WITH SERVICE <fqdn[:port]>",
            "SWITCH CONTEXT <name>",
            "GET CONTEXT INFO [name]",
            "GET CONTEXT ENV [name] <env>",
            "SET CONTEXT ENV <name> <env> <value>",
            "LIST CONTEXT ENV [name]",
            "GET CONTEXT VERSION",
            "LIST CONTEXTS",
            "CREATE CONTRACT <name>",
            "GET CONTRACT INFO <name>",
            "GET CONTRACT STATUS <name>",
            "LIST CONTRACTS",
            "PERFDATA <name>",
            "RESET CONTRACT <name>",
            "CREATE TASK FROM <taskDefFile>",
            "CREATE TASK <taskType> <taskName> <author> <prereq> <outcome>",
            "APPEND TASK BODY <taskName> <idx> <contentLine>",
            "FINALIZE TASK <taskName>",
            "DELETE TASK <taskName>",
            "GET TASK INFO <taskName>",
            "GET TASK BODY <taskName>",
            "LIST TASKS",
            "CREATE TASKRUNNER <trName>",
            "ASSIGN TASK <task> TO <tr> WITH <n> PEERS",
            "ASSIGN TASK <task> TO <tr> WITH ALL PEERS",
            "ASSIGN TASK <task> TO <tr> TARGET <SWOP-UID>",
            "GET TASKRUNNER INFO <tr>",
            "GET TASKRUNNER STATUS <tr>",
            "GET TASKRUNNER PEER STATUS <tr> <swopIndex | swopUid>",
            "LIST TASKRUNNERS",
            "LIST TASKRUNNER PEERS <tr>",
            "RESET TASKRUNNER <tr>",
            "WAIT FOR TASKRUNNER <tr> [maxWaitMinutes]",
            "LIST NODES",
            "WAIT FOR IP <ip-or-fqdn> [port] [retries]",
            "WAIT FOR SERVICE <fqdn[:port]> [retries]",
            "SLEEP <seconds>",
            "CD <dir>",
            "LS [path]",
            "PWD",
            "EXIT",
            "EXIT ON FAILURE [ON|OFF]",
            "HELP [command]");

    private HelpText() {
    }

    /**
     * The syntax lines whose leading keywords start with {@code topic} ({@code HELP create task} gives both CREATE
     * TASK forms); every line for a blank topic, an empty list for an unknown one.
     */
    public static List<String> matching(String topic) {
        List<String> words = words(topic == null ? "" : topic);
        return SYNTAX.stream().filter(line -> {
            List<String> keywords = words(line);
            if (words.size() > keywords.size()) {
                return false;
            }
            for (int i = 0; i < words.size(); i++) {
                if (!words.get(i).equals(keywords.get(i))) {
                    return false;
                }
            }
            return true;
        }).collect(Collectors.toList());
    }

    /** The usage line(s) for an error about a command starting with {@code keywords}. */
    static String usage(String keywords) {
        List<String> lines = matching(keywords);
        return lines.isEmpty() ? "" : " Usage: " + String.join(" | ", lines);
    }

    private static List<String> words(String text) {
        return List.of(text.trim().toUpperCase(Locale.ROOT).split("\\s+")).stream()
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toList());
    }
}
