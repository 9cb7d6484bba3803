package org.openswarm.swci.internal.command;

import java.util.Locale;
import java.util.Optional;

import org.openswarm.api.ledger.TaskType;
import org.openswarm.swci.internal.command.Command.Quorum;

/**
 * Turns one SWCI line into a {@link Command} (reference §3). Keywords are case-insensitive, names keep their case.
 * A line starting with {@code #} is a {@link Command.Comment}; a {@code #} after whitespace ends a command (the
 * reference's init script annotates its lines that way), except in {@code APPEND TASK BODY}, whose content line is
 * taken verbatim. Stateless and thread-safe.
 */
public final class CommandParser {

    /**
     * The command on {@code line}, or empty for a blank line.
     *
     * @throws CommandSyntaxException naming what was expected, with the command's usage
     */
    public Optional<Command> parse(String line) throws CommandSyntaxException {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.startsWith("#")) {
            return Optional.of(new Command.Comment(trimmed));
        }
        Tokens appendProbe = new Tokens(trimmed);
        boolean append = appendProbe.accept("APPEND");
        Tokens t = new Tokens(append ? trimmed : withoutComment(trimmed));
        String verb = Tokens.upper(t.word("a command"));
        Command command = switch (verb) {
            case "CREATE" -> create(t);
            case "SWITCH" -> single(t, "SWITCH CONTEXT", "CONTEXT", "context name", Command.SwitchContext::new);
            case "GET" -> get(t);
            case "SET" -> set(t);
            case "LIST" -> list(t);
            case "PERFDATA" -> single(t, "PERFDATA", null, "contract name", Command.PerfData::new);
            case "RESET" -> reset(t);
            case "APPEND" -> append(t);
            case "FINALIZE" -> single(t, "FINALIZE TASK", "TASK", "task name", Command.FinalizeTask::new);
            case "DELETE" -> single(t, "DELETE TASK", "TASK", "task name", Command.DeleteTask::new);
            case "ASSIGN" -> assign(t);
            case "WAIT" -> waitFor(t);
            case "SLEEP" -> sleep(t);
            case "CD" -> single(t, "CD", null, "directory", Command.Cd::new);
            case "LS" -> ls(t);
            case "PWD" -> bare(t, "PWD", new Command.Pwd());
            case "EXIT" -> exit(t);
            case "HELP" -> help(t);
            default -> throw new CommandSyntaxException("unknown command '" + verb + "'; HELP lists the commands");
        };
        return Optional.of(command);
    }

    private static String withoutComment(String line) {
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    private interface Named {
        Command of(String name);
    }

    /** {@code VERB [KEYWORD] name}, nothing after. */
    private static Command single(Tokens t, String usage, String keyword, String what, Named make)
            throws CommandSyntaxException {
        t.usage(usage);
        if (keyword != null) {
            t.expect(keyword);
        }
        String name = t.word(what);
        t.end();
        return make.of(name);
    }

    private static Command bare(Tokens t, String usage, Command command) throws CommandSyntaxException {
        t.usage(usage);
        t.end();
        return command;
    }

    private static CommandSyntaxException expected(Tokens t, String usage, String what) {
        t.usage(usage);
        String found = t.peek();
        return t.error("expected " + what + (found == null ? "" : ", got '" + found + "'"));
    }

    private static Command create(Tokens t) throws CommandSyntaxException {
        if (t.accept("CONTEXT")) {
            t.usage("CREATE CONTEXT");
            String name = t.word("context name");
            t.expect("WITH");
            if (t.accept("IP")) {
                t.usage("CREATE CONTEXT");
                String host = t.word("IP address or FQDN");
                Integer port = t.optionalNumber("port");
                t.end();
                return new Command.CreateContextWithIp(name, host, port);
            }
            if (t.accept("SERVICE")) {
                String service = t.word("service FQDN");
                t.end();
                return new Command.CreateContextWithService(name, service);
            }
            throw expected(t, "CREATE CONTEXT", "IP or SERVICE");
        }
        if (t.accept("CONTRACT")) {
            return single(t, "CREATE CONTRACT", null, "contract name", Command.CreateContract::new);
        }
        if (t.accept("TASKRUNNER")) {
            return single(t, "CREATE TASKRUNNER", null, "taskrunner name", Command.CreateTaskRunner::new);
        }
        if (t.accept("TASK")) {
            t.usage("CREATE TASK");
            if (t.accept("FROM")) {
                String file = t.word("task definition file");
                t.end();
                return new Command.CreateTaskFrom(file);
            }
            String typeWord = t.word("FROM <taskDefFile> or a task type");
            TaskType type;
            try {
                type = TaskType.valueOf(Tokens.upper(typeWord));
            } catch (IllegalArgumentException e) {
                throw t.error("expected FROM or a task type (" + taskTypes() + "), got '" + typeWord + "'");
            }
            String name = t.word("task name");
            String author = t.word("author");
            String prereq = t.word("prereq");
            String outcome = t.word("outcome");
            t.end();
            return new Command.CreateTask(type, name, author, prereq, outcome);
        }
        throw expected(t, "CREATE", "CONTEXT, CONTRACT, TASK or TASKRUNNER");
    }

    private static String taskTypes() {
        StringBuilder out = new StringBuilder();
        for (TaskType type : TaskType.values()) {
            out.append(out.length() == 0 ? "" : ", ").append(type.name());
        }
        return out.toString();
    }

    private static Command get(Tokens t) throws CommandSyntaxException {
        if (t.accept("CONTEXT")) {
            t.usage("GET CONTEXT");
            if (t.accept("INFO")) {
                t.usage("GET CONTEXT INFO");
                String name = t.optionalWord();
                t.end();
                return new Command.GetContextInfo(name);
            }
            if (t.accept("ENV")) {
                t.usage("GET CONTEXT ENV");
                String first = t.word("environment variable name");
                String second = t.optionalWord();
                t.end();
                return second == null ? new Command.GetContextEnv(null, first)
                        : new Command.GetContextEnv(first, second);
            }
            if (t.accept("VERSION")) {
                return bare(t, "GET CONTEXT VERSION", new Command.GetContextVersion());
            }
            throw expected(t, "GET CONTEXT", "INFO, ENV or VERSION");
        }
        if (t.accept("CONTRACT")) {
            if (t.accept("INFO")) {
                return single(t, "GET CONTRACT INFO", null, "contract name", Command.GetContractInfo::new);
            }
            if (t.accept("STATUS")) {
                return single(t, "GET CONTRACT STATUS", null, "contract name", Command.GetContractStatus::new);
            }
            throw expected(t, "GET CONTRACT", "INFO or STATUS");
        }
        if (t.accept("TASK")) {
            if (t.accept("INFO")) {
                return single(t, "GET TASK INFO", null, "task name", Command.GetTaskInfo::new);
            }
            if (t.accept("BODY")) {
                return single(t, "GET TASK BODY", null, "task name", Command.GetTaskBody::new);
            }
            throw expected(t, "GET TASK", "INFO or BODY");
        }
        if (t.accept("TASKRUNNER")) {
            if (t.accept("INFO")) {
                return single(t, "GET TASKRUNNER INFO", null, "taskrunner name", Command.GetTaskRunnerInfo::new);
            }
            if (t.accept("STATUS")) {
                return single(t, "GET TASKRUNNER STATUS", null, "taskrunner name",
                        Command.GetTaskRunnerStatus::new);
            }
            if (t.accept("PEER")) {
                t.usage("GET TASKRUNNER PEER STATUS");
                t.expect("STATUS");
                String runner = t.word("taskrunner name");
                String peer = t.word("SWOP index or SWOP UID");
                t.end();
                return new Command.GetTaskRunnerPeerStatus(runner, peer);
            }
            throw expected(t, "GET TASKRUNNER", "INFO, STATUS or PEER STATUS");
        }
        throw expected(t, "GET", "CONTEXT, CONTRACT, TASK or TASKRUNNER");
    }

    private static Command set(Tokens t) throws CommandSyntaxException {
        t.usage("SET CONTEXT ENV");
        t.expect("CONTEXT");
        t.expect("ENV");
        String context = t.word("context name");
        String env = t.word("environment variable name");
        String value = t.rest("value");
        return new Command.SetContextEnv(context, env, value.strip());
    }

    private static Command list(Tokens t) throws CommandSyntaxException {
        if (t.accept("CONTEXTS")) {
            return bare(t, "LIST CONTEXTS", new Command.ListContexts());
        }
        if (t.accept("CONTEXT")) {
            t.usage("LIST CONTEXT ENV");
            t.expect("ENV");
            String name = t.optionalWord();
            t.end();
            return new Command.ListContextEnv(name);
        }
        if (t.accept("CONTRACTS")) {
            return bare(t, "LIST CONTRACTS", new Command.ListContracts());
        }
        if (t.accept("TASKS")) {
            return bare(t, "LIST TASKS", new Command.ListTasks());
        }
        if (t.accept("TASKRUNNERS")) {
            return bare(t, "LIST TASKRUNNERS", new Command.ListTaskRunners());
        }
        if (t.accept("TASKRUNNER")) {
            t.usage("LIST TASKRUNNER PEERS");
            t.expect("PEERS");
            String runner = t.word("taskrunner name");
            t.end();
            return new Command.ListTaskRunnerPeers(runner);
        }
        if (t.accept("NODES")) {
            return bare(t, "LIST NODES", new Command.ListNodes());
        }
        throw expected(t, "LIST", "CONTEXTS, CONTEXT ENV, CONTRACTS, TASKS, TASKRUNNERS, TASKRUNNER PEERS or NODES");
    }

    private static Command reset(Tokens t) throws CommandSyntaxException {
        if (t.accept("CONTRACT")) {
            return single(t, "RESET CONTRACT", null, "contract name", Command.ResetContract::new);
        }
        if (t.accept("TASKRUNNER")) {
            return single(t, "RESET TASKRUNNER", null, "taskrunner name", Command.ResetTaskRunner::new);
        }
        throw expected(t, "RESET", "CONTRACT or TASKRUNNER");
    }

    private static Command append(Tokens t) throws CommandSyntaxException {
        t.usage("APPEND TASK BODY");
        t.expect("TASK");
        t.expect("BODY");
        String name = t.word("task name");
        int index = t.number("line index");
        if (index == 0) {
            throw t.error("line index must be 1 or more (line 0 is the body's '---')");
        }
        String content = t.rest("content line");
        return new Command.AppendTaskBody(name, index, content);
    }

    private static Command assign(Tokens t) throws CommandSyntaxException {
        t.usage("ASSIGN TASK");
        t.expect("TASK");
        String task = t.word("task name");
        t.expect("TO");
        String runner = t.word("taskrunner name");
        Quorum quorum;
        if (t.accept("TARGET")) {
            quorum = new Quorum.Target(t.word("SWOP UID"));
        } else if (t.accept("WITH")) {
            if (t.accept("ALL")) {
                quorum = new Quorum.AllPeers();
            } else {
                int count = t.number("number of peers");
                if (count < 1) {
                    throw t.error("number of peers must be 1 or more");
                }
                quorum = new Quorum.Peers(count);
            }
            t.expect("PEERS");
        } else {
            throw expected(t, "ASSIGN TASK", "WITH <n> PEERS, WITH ALL PEERS or TARGET <SWOP-UID>");
        }
        t.end();
        return new Command.AssignTask(task, runner, quorum);
    }

    private static Command waitFor(Tokens t) throws CommandSyntaxException {
        t.usage("WAIT FOR");
        t.expect("FOR");
        if (t.accept("TASKRUNNER")) {
            t.usage("WAIT FOR TASKRUNNER");
            String runner = t.word("taskrunner name");
            Integer minutes = t.optionalNumber("maximum wait in minutes");
            t.end();
            return new Command.WaitForTaskRunner(runner, minutes);
        }
        if (t.accept("IP")) {
            t.usage("WAIT FOR IP");
            String host = t.word("IP address or FQDN");
            Integer port = t.optionalNumber("port");
            Integer retries = t.optionalNumber("retries");
            t.end();
            return new Command.WaitForIp(host, port, retries);
        }
        if (t.accept("SERVICE")) {
            t.usage("WAIT FOR SERVICE");
            String service = t.word("service FQDN");
            Integer retries = t.optionalNumber("retries");
            t.end();
            return new Command.WaitForService(service, retries);
        }
        throw expected(t, "WAIT FOR", "TASKRUNNER, IP or SERVICE");
    }

    private static Command sleep(Tokens t) throws CommandSyntaxException {
        t.usage("SLEEP");
        int seconds = t.number("seconds");
        t.end();
        return new Command.Sleep(seconds);
    }

    private static Command ls(Tokens t) throws CommandSyntaxException {
        t.usage("LS");
        String path = t.optionalWord();
        t.end();
        return new Command.Ls(path);
    }

    private static Command exit(Tokens t) throws CommandSyntaxException {
        if (t.atEnd()) {
            return new Command.Exit();
        }
        t.usage("EXIT ON FAILURE");
        t.expect("ON");
        t.expect("FAILURE");
        boolean on = true;
        if (t.accept("OFF")) {
            on = false;
        } else if (!t.accept("ON") && !t.atEnd()) {
            throw expected(t, "EXIT ON FAILURE", "ON or OFF");
        }
        t.end();
        return new Command.ExitOnFailure(on);
    }

    private static Command help(Tokens t) throws CommandSyntaxException {
        if (t.atEnd()) {
            return new Command.Help(null);
        }
        String topic = t.rest("command").strip().replaceAll("\\s+", " ");
        if (HelpText.matching(topic).isEmpty()) {
            throw new CommandSyntaxException("no command '" + topic.toUpperCase(Locale.ROOT)
                    + "'; HELP lists the commands");
        }
        return new Command.Help(topic);
    }
}
