package org.openswarm.swci.internal.exec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.TaskInfo;
import org.openswarm.api.ledger.TaskRunnerStatus;
import org.openswarm.api.ledger.TaskState;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.api.sn.NodeType;
import org.openswarm.api.sn.NodeView;
import org.openswarm.api.sn.SnRequests.AssignRequest;
import org.openswarm.api.sn.SnRequests.TaskRequest;
import org.openswarm.api.sn.VersionInfo;
import org.openswarm.common.sn.SnClient;
import org.openswarm.swci.internal.command.Command;
import org.openswarm.swci.internal.command.Command.Quorum;
import org.openswarm.swci.internal.command.CommandParser;
import org.openswarm.swci.internal.command.CommandSyntaxException;
import org.openswarm.swci.internal.command.HelpText;
import org.openswarm.swci.internal.task.InvalidTaskDefinitionException;
import org.openswarm.swci.internal.task.TaskBodyCodec;
import org.openswarm.swci.internal.task.TaskDefinition;
import org.openswarm.swci.internal.task.TaskDefinitions;

/**
 * One SWCI session: runs commands (reference §3) against the SN of the current context and answers the reference's
 * output lines. A failure answers lines of which the first starts {@code ERROR } (the web API passes them on as they
 * are). State: the contexts (persisted in the state directory), the working directory of CD/LS/PWD (task files are
 * read relative to it), and EXIT ON FAILURE. One command at a time: the methods are synchronized.
 */
public final class SwciSession {

    /** What one command answered. */
    public record Result(List<String> lines, boolean success, boolean exit) {
        public Result {
            lines = List.copyOf(lines);
        }

        static Result ok(List<String> lines) {
            return new Result(lines, true, false);
        }

        static Result ok(String... lines) {
            return ok(List.of(lines));
        }

        static Result error(String message) {
            return new Result(List.of(message.startsWith("ERROR ") ? message : "ERROR : " + message), false, false);
        }
    }

    /** A command that fails with this message (starting {@code ERROR }). */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> lines;

        Failure(String message, List<String> more) {
            super(message);
            List<String> all = new ArrayList<>();
            all.add(message.startsWith("ERROR ") ? message : "ERROR : " + message);
            all.addAll(more);
            this.lines = all;
        }

        Failure(String message) {
            this(message, List.of());
        }
    }

    public static final int DEFAULT_SN_PORT = 30304;
    public static final int DEFAULT_SERVICE_PORT = 443;
    public static final int DEFAULT_WAIT_RETRIES = 360;
    public static final long DEFAULT_MAX_WAIT_MINUTES = 120;
    public static final String RUN_TASK_MAX_WAIT = "SWCI_RUN_TASK_MAX_WAIT_TIME";
    public static final String GENERIC_TASK_MAX_WAIT = "SWCI_GENERIC_TASK_MAX_WAIT_TIME";
    public static final String MAX_WAIT_WARNING = "WARNING - Maximum configured SWCI wait time is over";
    public static final String TASK_FAILED = "ERROR : Task has failed, check TASKRUNNER PEER STATUS for Error description";
    public static final String NO_CONTEXT = "ERROR : no context: CREATE CONTEXT <name> WITH IP <ip> and SWITCH CONTEXT"
            + " <name> first";
    public static final String LIST_NODES_HEADER = "NodeType,HostIP,Port,ContainerName,UUID,ParentUUID,i-am-alive";
    private static final int MAX_LINES_PER_APPEND = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final CommandParser parser = new CommandParser();
    private final TaskDefinitions definitions = new TaskDefinitions();
    private final ContextStore contexts;
    private final Supplier<String> joinToken;
    private Path cwd;
    private boolean exitOnFailure;
    private int counter = 1;
    private Duration maxWaitOverride;
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration retryInterval = Duration.ofSeconds(5);
    private Duration snTimeout = Duration.ofSeconds(60);
    private SnClient client;
    private URI clientBase;
    private String clientToken;
    private URI defaultSn;

    /**
     * @param stateDirectory where the contexts are kept ({@code contexts.json}); null keeps them in memory only
     * @param workingDirectory the first working directory of CD/LS/PWD
     * @param joinToken the network's join token, sent to the SN (null for the open routes only)
     */
    public SwciSession(Path stateDirectory, Path workingDirectory, String joinToken) {
        this(stateDirectory, workingDirectory, () -> joinToken);
    }

    /**
     * A session whose join token is read before each SN call, so a token file that the local SN writes later (or
     * rotates) applies at once.
     *
     * @param joinToken answers the token, or null for the open routes only
     */
    public static SwciSession withTokenSource(Path stateDirectory, Path workingDirectory, Supplier<String> joinToken) {
        return new SwciSession(stateDirectory, workingDirectory, joinToken);
    }

    private SwciSession(Path stateDirectory, Path workingDirectory, Supplier<String> joinToken) {
        this.contexts = new ContextStore(stateDirectory);
        this.cwd = Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath().normalize();
        this.joinToken = Objects.requireNonNull(joinToken, "joinToken");
    }

    // ------------------------------------------------------------------------------------------------ settings

    /** Caps every WAIT FOR TASKRUNNER without its own maximum (tests); null for the configured minutes. */
    public synchronized SwciSession maxWait(Duration max) {
        this.maxWaitOverride = max;
        return this;
    }

    /** How often WAIT FOR TASKRUNNER asks the SN (5 s by default). */
    public synchronized SwciSession pollInterval(Duration interval) {
        this.pollInterval = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** How long WAIT FOR IP/SERVICE waits between tries (5 s by default). */
    public synchronized SwciSession retryInterval(Duration interval) {
        this.retryInterval = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** The timeout of each SN call (60 s by default). */
    public synchronized SwciSession snTimeout(Duration timeout) {
        this.snTimeout = Objects.requireNonNull(timeout, "timeout");
        this.client = null;
        return this;
    }

    /**
     * The SN that ledger commands reach while no context is current (a front end's configured SN, e.g.
     * {@code http://localhost:30304/}); null (the default) answers the reference's "no context" error instead.
     */
    public synchronized SwciSession defaultSn(URI base) {
        this.defaultSn = base;
        return this;
    }

    /** The contexts, in the order they were created. */
    public synchronized List<Context> contexts() {
        return List.copyOf(contexts.all());
    }

    /**
     * Runs {@code call} with the SN client that ledger commands use now (the current context's, else the default
     * SN), inside the session's lock: the typed shell commands and completers read the ledger through this.
     * Without either it fails with the "no context" error.
     */
    public synchronized <T> T withSn(Function<SnClient, T> call) {
        try {
            return call.apply(sn());
        } catch (Failure f) {
            throw SwarmException.badRequest(String.join(" ", f.lines));
        }
    }

    public synchronized boolean exitOnFailure() {
        return exitOnFailure;
    }

    public synchronized Path workingDirectory() {
        return cwd;
    }

    public synchronized Optional<String> currentContext() {
        return contexts.current().map(Context::name);
    }

    /** The REPL prompt, {@code SWCI:<n> >}; n counts the commands run. */
    public synchronized String prompt() {
        return "SWCI:" + counter + " >";
    }

    // ------------------------------------------------------------------------------------------------ execution

    /** Parses and runs one line; a blank line answers nothing, successfully. */
    public synchronized Result execute(String line) {
        Optional<Command> command;
        try {
            command = parser.parse(line == null ? "" : line);
        } catch (CommandSyntaxException e) {
            counter++;
            return Result.error(e.getMessage());
        }
        return command.map(this::execute).orElseGet(() -> Result.ok(List.of()));
    }

    /** Runs one parsed command. */
    public synchronized Result execute(Command command) {
        Objects.requireNonNull(command, "command");
        if (!(command instanceof Command.Comment)) {
            counter++;
        }
        try {
            return run(command);
        } catch (Failure f) {
            return new Result(f.lines, false, false);
        } catch (SwarmException e) {
            return Result.error(e.getMessage());
        } catch (RuntimeException e) {
            return Result.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Result run(Command command) {
        if (command instanceof Command.Comment c) {
            return Result.ok(c.text());
        }
        if (command instanceof Command.Help h) {
            List<String> lines = HelpText.matching(h.topic());
            if (lines.isEmpty()) {
                throw new Failure("no command matches: " + h.topic() + ". HELP lists every command");
            }
            return Result.ok(lines);
        }
        if (command instanceof Command.Exit) {
            return new Result(List.of(), true, true);
        }
        if (command instanceof Command.ExitOnFailure e) {
            exitOnFailure = e.on();
            return Result.ok("EXIT ON FAILURE IS TURNED " + (e.on() ? "ON" : "OFF"));
        }
        if (command instanceof Command.Sleep s) {
            sleep(Duration.ofSeconds(s.seconds()));
            return Result.ok(List.of());
        }
        if (command instanceof Command.Cd || command instanceof Command.Ls || command instanceof Command.Pwd) {
            return files(command);
        }
        if (command instanceof Command.WaitForIp w) {
            return waitFor(w.host(), w.port() == null ? DEFAULT_SN_PORT : w.port(), w.retries());
        }
        if (command instanceof Command.WaitForService w) {
            HostPort hp = HostPort.of(w.service(), DEFAULT_SERVICE_PORT);
            return waitFor(hp.host(), hp.port(), w.retries());
        }
        if (command instanceof Command.CreateContextWithIp
                || command instanceof Command.CreateContextWithService
                || command instanceof Command.SwitchContext
                || command instanceof Command.GetContextInfo
                || command instanceof Command.GetContextEnv
                || command instanceof Command.SetContextEnv
                || command instanceof Command.ListContextEnv
                || command instanceof Command.ListContexts) {
            return contextCommand(command);
        }
        SnClient sn = sn();
        if (command instanceof Command.GetContextVersion) {
            VersionInfo v = sn.version();
            return Result.ok("PRODUCT     : " + v.product(), "COMPONENT   : " + v.component(),
                    "VERSION     : " + v.version(), "API VERSION : " + v.apiVersion());
        }
        return ledgerCommand(sn, command);
    }

    // ------------------------------------------------------------------------------------------------ contexts

    private Result contextCommand(Command command) {
        if (command instanceof Command.CreateContextWithIp c) {
            int port = c.port() == null ? DEFAULT_SN_PORT : c.port();
            return createContext(new Context(c.name(), c.host(), port, null, null));
        }
        if (command instanceof Command.CreateContextWithService c) {
            HostPort hp = HostPort.of(c.service(), DEFAULT_SERVICE_PORT);
            String service = hp.port() == DEFAULT_SERVICE_PORT ? hp.host() : hp.host() + ":" + hp.port();
            return createContext(new Context(c.name(), hp.host(), hp.port(), service, null));
        }
        if (command instanceof Command.SwitchContext s) {
            context(s.name());
            contexts.switchTo(s.name());
            return Result.ok("DEFAULT CONTEXT SET TO : " + s.name());
        }
        if (command instanceof Command.ListContexts) {
            String current = contexts.current().map(Context::name).orElse(null);
            return Result.ok(contexts.all().stream()
                    .map(c -> c.name().equals(current) ? c.name() + " (current)" : c.name())
                    .collect(Collectors.toList()));
        }
        if (command instanceof Command.GetContextInfo g) {
            Context c = g.name() == null ? currentContextOrFail() : context(g.name());
            List<String> lines = new ArrayList<>();
            lines.add("CONTEXT NAME : " + c.name());
            lines.add("API SERVER   : " + c.apiBase());
            lines.add("HOST         : " + c.host());
            lines.add("PORT         : " + c.port());
            if (c.service() != null) {
                lines.add("SERVICE      : " + c.service());
            }
            lines.add("CURRENT      : " + c.name().equals(currentContext().orElse(null)));
            lines.add("ENV COUNT    : " + c.env().size());
            return Result.ok(lines);
        }
        if (command instanceof Command.GetContextEnv g) {
            Context c = g.context() == null ? currentContextOrFail() : context(g.context());
            String value = c.env().get(g.env());
            if (value == null) {
                throw new Failure("context " + c.name() + " has no env " + g.env());
            }
            return Result.ok(g.env() + " : " + value);
        }
        if (command instanceof Command.SetContextEnv s) {
            Context c = context(s.context());
            contexts.put(c.withEnv(s.env(), s.value()));
            return Result.ok("CONTEXT ENV SET : " + s.env() + " = " + s.value());
        }
        Command.ListContextEnv l = (Command.ListContextEnv) command;
        Context c = l.context() == null ? currentContextOrFail() : context(l.context());
        return Result.ok(c.env().entrySet().stream().map(e -> e.getKey() + " : " + e.getValue())
                .collect(Collectors.toList()));
    }

    private Result createContext(Context context) {
        SnClient probe = new SnClient(context.apiBase(), joinToken.get(), snTimeout);
        String status = probe.isUp().status();
        if (!"UP".equals(status)) {
            throw new Failure("API Server at " + context.apiBase() + " is not up (" + status + ")");
        }
        contexts.put(context);
        return Result.ok("API Server is UP!", "CONTEXT CREATED : " + context.name());
    }

    private Context context(String name) {
        return contexts.get(name).orElseThrow(() -> new Failure("unknown context: " + name
                + " (LIST CONTEXTS shows the contexts)"));
    }

    private Context currentContextOrFail() {
        return contexts.current().orElseThrow(() -> new Failure(NO_CONTEXT));
    }

    private SnClient sn() {
        Optional<Context> current = contexts.current();
        if (current.isEmpty() && defaultSn == null) {
            throw new Failure(NO_CONTEXT);
        }
        URI base = current.map(Context::apiBase).orElse(defaultSn);
        String token = joinToken.get();
        if (client == null || !base.equals(clientBase) || !Objects.equals(token, clientToken)) {
            client = new SnClient(base, token, snTimeout);
            clientBase = base;
            clientToken = token;
        }
        return client;
    }

    // ------------------------------------------------------------------------------------------------ ledger

    private Result ledgerCommand(SnClient sn, Command command) {
        // ---- contracts
        if (command instanceof Command.CreateContract c) {
            sn.createContract(c.name(), null);
            return Result.ok("CONTRACT CREATED : " + c.name());
        }
        if (command instanceof Command.GetContractInfo c) {
            return Result.ok(contractInfo(sn.contract(c.name())));
        }
        if (command instanceof Command.GetContractStatus c) {
            return Result.ok(contractStatus(sn.contractStatus(c.name())));
        }
        if (command instanceof Command.ListContracts) {
            return Result.ok(names(sn.contracts()));
        }
        if (command instanceof Command.PerfData p) {
            return Result.ok(perfData(sn.contractStatus(p.contract())));
        }
        if (command instanceof Command.ResetContract c) {
            sn.resetContract(c.name());
            return Result.ok("CONTRACT RESET : " + c.name());
        }
        // ---- tasks
        if (command instanceof Command.CreateTaskFrom c) {
            return createTaskFrom(sn, c.file());
        }
        if (command instanceof Command.CreateTask c) {
            sn.createTask(new TaskRequest(c.name(), c.type().name(), c.author(), c.prereq(), c.outcome()));
            return Result.ok("Task Registered : " + c.name());
        }
        if (command instanceof Command.AppendTaskBody a) {
            // Line 0 is the body's "---" (TaskBodyCodec); a header-created task gets it with its first line.
            List<String> lines = sn.task(a.name()).bodyLineCount() == 0 ? List.of("---", a.line()) : List.of(a.line());
            long from = lines.size() == 2 ? a.index() - 1L : a.index();
            TaskInfo info = sn.appendTaskBody(a.name(), lines, from);
            return Result.ok("Task Body Appended : " + a.name() + " (line " + a.index() + ", "
                    + info.bodyLineCount() + " lines)");
        }
        if (command instanceof Command.FinalizeTask f) {
            sn.finalizeTask(f.name());
            return Result.ok("Task Finalized : " + f.name());
        }
        if (command instanceof Command.DeleteTask d) {
            sn.deleteTask(d.name());
            return Result.ok("Task Deleted : " + d.name());
        }
        if (command instanceof Command.GetTaskInfo g) {
            TaskInfo t = sn.task(g.name());
            return Result.ok("TASK NAME  : " + t.header().name(), "TASK TYPE  : " + t.header().taskType(),
                    "AUTHOR     : " + t.header().author(), "PREREQ     : " + t.header().prereq(),
                    "OUTCOME    : " + t.header().outcome(), "FINALIZED  : " + t.finalized(),
                    "BODY LINES : " + t.bodyLineCount());
        }
        if (command instanceof Command.GetTaskBody g) {
            return Result.ok(TaskBodyCodec.numbered(sn.taskBody(g.name())));
        }
        if (command instanceof Command.ListTasks) {
            return Result.ok(sn.tasks());
        }
        // ---- taskrunners
        if (command instanceof Command.CreateTaskRunner c) {
            sn.createTaskRunner(c.name());
            return Result.ok("TASKRUNNER CREATED : " + c.name());
        }
        if (command instanceof Command.AssignTask a) {
            AssignRequest request;
            if (a.quorum() instanceof Quorum.Peers p) {
                request = new AssignRequest(a.task(), p.count(), null, null);
            } else if (a.quorum() instanceof Quorum.Target t) {
                request = new AssignRequest(a.task(), null, null, t.swopUid());
            } else {
                request = new AssignRequest(a.task(), null, true, null);
            }
            sn.assign(a.runner(), request);
            return Result.ok("Task assigned to TaskRunner");
        }
        if (command instanceof Command.GetTaskRunnerInfo g) {
            TaskRunnerStatus s = sn.taskRunner(g.runner());
            return Result.ok("NAME           : " + s.name(), "ADDRESS        : " + s.address(),
                    "STATE          : " + s.state(), "CURRENT TASK   : " + orEmpty(s.currentTask()),
                    "ASSIGNMENT ID  : " + s.assignmentId(), "REQUIRED PEERS : " + s.requiredPeers(),
                    "TARGET         : " + (s.targetUid() == null ? "-" : s.targetUid()),
                    "ENROLLED SWOPS : " + list(s.enrolledSwops()).size());
        }
        if (command instanceof Command.GetTaskRunnerStatus g) {
            return Result.ok(runnerStatus(sn, sn.taskRunner(g.runner())));
        }
        if (command instanceof Command.GetTaskRunnerPeerStatus g) {
            return Result.ok(peerStatus(sn, sn.taskRunner(g.runner()), g));
        }
        if (command instanceof Command.ListTaskRunners) {
            return Result.ok(names(sn.taskRunners()));
        }
        if (command instanceof Command.ListTaskRunnerPeers l) {
            return Result.ok(list(sn.taskRunner(l.runner()).enrolledSwops()));
        }
        if (command instanceof Command.ResetTaskRunner r) {
            sn.resetTaskRunner(r.runner());
            return Result.ok("TASKRUNNER RESET : " + r.runner());
        }
        if (command instanceof Command.WaitForTaskRunner w) {
            return waitForRunner(sn, w);
        }
        if (command instanceof Command.ListNodes) {
            return Result.ok(listNodes(sn.nodes()));
        }
        throw new Failure("not implemented: " + command.getClass().getSimpleName());
    }

    private static List<String> contractInfo(ContractInfo c) {
        return List.of("NAME            : " + c.name(), "ADDRESS         : " + c.address(),
                "STATUS          : " + c.status(), "CURRENT ROUND   : " + c.currentRound(),
                "MIN PEERS       : " + c.minPeers(), "ENROLLED        : " + c.enrolledCount(),
                "CLOSED          : " + c.closedCount(),
                "CONTEXT HASH    : " + (c.contextHash() == null ? "-" : c.contextHash()),
                "LEADER TIMEOUT  : " + c.leaderTimeoutSeconds() + " s");
    }

    private static List<String> contractStatus(ContractStatus s) {
        List<String> lines = new ArrayList<>(contractInfo(s.contract()));
        for (ContractStatus.NodeState n : list(s.nodes())) {
            lines.add("NODE : " + n.uid() + " ELIGIBLE_LEADER=" + n.eligibleLeader() + " CLOSED=" + n.closed()
                    + (n.checkoutMode() == null ? "" : " CHECKOUT=" + n.checkoutMode())
                    + (n.perf() == null ? "" : " ROUND=" + n.perf().round()));
        }
        return lines;
    }

    private static List<String> perfData(ContractStatus s) {
        List<String> lines = new ArrayList<>();
        String format = "%-36s %6s %14s %14s %11s";
        lines.add(String.format(Locale.ROOT, format, "UID", "ROUND", "LOSS", "METRIC", "EPOCHS"));
        for (ContractStatus.NodeState n : list(s.nodes())) {
            PerfData p = n.perf();
            if (p == null) {
                lines.add(String.format(Locale.ROOT, format, n.uid(), "-", "-", "-", "-"));
            } else {
                lines.add(String.format(Locale.ROOT, format, n.uid(), p.round(),
                        String.format(Locale.ROOT, "%.6f", p.loss()), String.format(Locale.ROOT, "%.6f", p.metric()),
                        p.epochsDone() + "/" + p.totalEpochs()));
            }
        }
        return lines;
    }

    private Result createTaskFrom(SnClient sn, String file) {
        Path path = resolve(file);
        TaskDefinition definition;
        try {
            definition = definitions.load(path);
        } catch (InvalidTaskDefinitionException e) {
            throw new Failure("Task definition " + file + " is invalid:", e.problems());
        } catch (IOException e) {
            throw new Failure("cannot read task definition " + path + ": " + e.getMessage());
        }
        var h = definition.header();
        if (exists(sn, h.name())) {
            throw new Failure("task already exists: " + h.name());
        }
        sn.createTask(new TaskRequest(h.name(), h.taskType().name(), h.author(), h.prereq(), h.outcome()));
        try {
            List<String> lines = definition.bodyLines();
            for (int from = 0; from < lines.size(); from += MAX_LINES_PER_APPEND) {
                sn.appendTaskBody(h.name(), lines.subList(from, Math.min(lines.size(), from + MAX_LINES_PER_APPEND)),
                        (long) from);
            }
        } catch (SwarmException e) {
            try {
                sn.deleteTask(h.name());
            } catch (SwarmException ignored) {
                // the first failure is the one to report
            }
            throw e;
        }
        return Result.ok("Task definition is valid", "Task Registered : " + h.name());
    }

    private static List<String> runnerStatus(SnClient sn, TaskRunnerStatus s) {
        List<TaskRunnerStatus.PeerState> peers = list(s.peers());
        // Counted as the quorum counts them: SL/ML pairs for WITH n PEERS, SWOPs otherwise.
        int active = peers.stream().filter(p -> p.status() == TaskState.RUNNING).mapToInt(s::share).sum();
        int completed = peers.stream().filter(p -> p.status() == TaskState.COMPLETE).mapToInt(s::share).sum();
        int failed = peers.stream().filter(p -> p.status() == TaskState.ERROR).mapToInt(s::share).sum();
        String peerType = "SWOP";
        if (s.currentTask() != null && taskType(sn, s.currentTask()) == TaskType.RUN_SWARM) {
            peerType = "SL";
        }
        return List.of("TASK_NAME       : " + orEmpty(s.currentTask()), "PEER_TYPE       : " + peerType,
                "TASK_STATE : " + s.state(), "STATE : " + s.state(),
                "ASSIGNMENT_ID   : " + s.assignmentId(), "PEERS_NEEDED    : " + s.requiredPeers(),
                "ACTIVE_PEERS    : " + active, "COMPLETED_PEERS : " + completed, "FAILED_PEERS    : " + failed);
    }

    private static boolean exists(SnClient sn, String task) {
        try {
            sn.task(task);
            return true;
        } catch (SwarmException e) {
            if (e.code() == org.openswarm.api.ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static TaskType taskType(SnClient sn, String task) {
        try {
            return sn.task(task).header().taskType();
        } catch (SwarmException e) {
            return null;
        }
    }

    private static List<String> peerStatus(SnClient sn, TaskRunnerStatus s, Command.GetTaskRunnerPeerStatus g) {
        List<String> swops = new ArrayList<>(list(s.enrolledSwops()));
        for (TaskRunnerStatus.PeerState p : list(s.peers())) {
            if (!swops.contains(p.uid())) {
                swops.add(p.uid());
            }
        }
        int index;
        if (g.byIndex()) {
            index = Integer.parseInt(g.peer());
            if (index >= swops.size()) {
                throw new Failure("taskrunner " + s.name() + " has " + swops.size() + " SWOP peers; no index "
                        + g.peer());
            }
        } else {
            index = swops.indexOf(g.peer());
            if (index < 0) {
                throw new Failure("SWOP " + g.peer() + " is not a peer of taskrunner " + s.name());
            }
        }
        String uid = swops.get(index);
        TaskRunnerStatus.PeerState state = list(s.peers()).stream().filter(p -> p.uid().equals(uid)).findFirst()
                .orElse(null);
        String name = "-";
        String updated = "-";
        try {
            NodeView node = sn.node(uid);
            name = node.name();
            updated = TIME.format(Instant.ofEpochSecond(node.lastHeartbeat()));
        } catch (SwarmException unknown) {
            // a SWOP that is not registered as a node: no name
        }
        return List.of("NAME                  : " + name, "SWOP_UID              : " + uid,
                "OPERATION_ID          : " + s.assignmentId(),
                "PEER_COUNT            : " + (state == null ? 0 : state.pairs()),
                "UPDATE_TS             : " + updated, "SWOP_PEER_INDEX       : " + index,
                "SWOP_PEER_STATUS      : " + (state == null ? TaskState.IDLE : state.status()),
                "SWOP_PEER_STATUS_DESC : " + (state == null || state.description() == null ? ""
                        : state.description()));
    }

    private Result waitForRunner(SnClient sn, Command.WaitForTaskRunner w) {
        TaskRunnerStatus s = sn.taskRunner(w.runner());
        Duration max = maxWait(sn, s, w);
        List<String> lines = new ArrayList<>();
        lines.add("WAITING FOR TASKRUNNER TO COMPLETE - Maximum wait time is : " + describe(max));
        long deadline = System.nanoTime() + max.toNanos();
        StringBuilder progress = new StringBuilder();
        while (s.state() == TaskState.RUNNING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (progress.length() > 0) {
                    lines.add(progress.toString());
                }
                lines.add(MAX_WAIT_WARNING);
                lines.add("STATE : " + s.state());
                return Result.ok(lines);
            }
            progress.append('#');
            sleep(Duration.ofNanos(Math.min(left, pollInterval.toNanos())));
            s = sn.taskRunner(w.runner());
        }
        if (progress.length() > 0) {
            lines.add(progress.toString());
        }
        lines.add("TASKRUNNER FINISHED");
        lines.add("STATE : " + s.state());
        lines.add("TIME  : " + TIME.format(Instant.now()));
        if (s.state() == TaskState.ERROR) {
            lines.add(TASK_FAILED);
            return new Result(lines, false, false);
        }
        return Result.ok(lines);
    }

    private Duration maxWait(SnClient sn, TaskRunnerStatus s, Command.WaitForTaskRunner w) {
        if (w.maxWaitMinutes() != null) {
            return Duration.ofMinutes(w.maxWaitMinutes());
        }
        if (maxWaitOverride != null) {
            return maxWaitOverride;
        }
        boolean run = s.currentTask() != null && taskType(sn, s.currentTask()) == TaskType.RUN_SWARM;
        String configured = currentContextOrFail().env().get(run ? RUN_TASK_MAX_WAIT : GENERIC_TASK_MAX_WAIT);
        if (configured == null) {
            configured = System.getenv(run ? RUN_TASK_MAX_WAIT : GENERIC_TASK_MAX_WAIT);
        }
        if (configured != null) {
            try {
                return Duration.ofMinutes(Long.parseLong(configured.strip()));
            } catch (NumberFormatException e) {
                throw new Failure((run ? RUN_TASK_MAX_WAIT : GENERIC_TASK_MAX_WAIT) + " is no whole number of minutes: "
                        + configured);
            }
        }
        return Duration.ofMinutes(DEFAULT_MAX_WAIT_MINUTES);
    }

    private static String describe(Duration d) {
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " mins";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " secs";
        }
        return d.toMillis() / 1000.0 + " secs";
    }

    private static List<String> listNodes(List<NodeView> nodes) {
        List<String> lines = new ArrayList<>();
        lines.add(LIST_NODES_HEADER);
        for (NodeView n : list(nodes)) {
            if (!n.active() || !n.alive() || n.type() == NodeType.SWCI) {
                continue;
            }
            lines.add(String.join(",", n.type().name(), orDash(n.host()), String.valueOf(n.port()), orDash(n.name()),
                    n.uid(), orDash(n.parentUid()), TIME.format(Instant.ofEpochSecond(n.lastHeartbeat()))));
        }
        return lines;
    }

    // ------------------------------------------------------------------------------------------------ misc

    private Result waitFor(String host, int port, Integer retries) {
        int tries = retries == null ? DEFAULT_WAIT_RETRIES : Math.max(1, retries);
        String last = "";
        for (int i = 1; i <= tries; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 5000);
                return Result.ok("API Server is UP!");
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (i < tries) {
                sleep(retryInterval);
            }
        }
        throw new Failure("API Server at " + host + ":" + port + " is not reachable after " + tries + " tries ("
                + last + ")");
    }

    private Result files(Command command) {
        if (command instanceof Command.Pwd) {
            return Result.ok("Current Directory : " + cwd);
        }
        if (command instanceof Command.Cd c) {
            Path target = resolve(c.dir());
            if (!Files.isDirectory(target)) {
                throw new Failure("no such directory: " + c.dir());
            }
            cwd = target;
            return Result.ok("Current Directory : " + cwd);
        }
        Command.Ls l = (Command.Ls) command;
        Path target = l.path() == null ? cwd : resolve(l.path());
        if (Files.isRegularFile(target)) {
            return Result.ok(target.getFileName().toString());
        }
        if (!Files.isDirectory(target)) {
            throw new Failure("no such file or directory: " + l.path());
        }
        try (Stream<Path> entries = Files.list(target)) {
            return Result.ok(entries.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted()
                    .collect(Collectors.toList()));
        } catch (IOException e) {
            throw new Failure("cannot list " + target + ": " + e.getMessage());
        }
    }

    private Path resolve(String path) {
        try {
            return cwd.resolve(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Failure("invalid path: " + path);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    private static List<String> names(List<DirectoryEntry> entries) {
        return list(entries).stream().map(DirectoryEntry::name).collect(Collectors.toList());
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String orEmpty(String value) {
        return value == null ? "Empty" : value;
    }

    private static String orDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    /** {@code host[:port]}. */
    private record HostPort(String host, int port) {
        static HostPort of(String text, int defaultPort) {
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.indexOf(':') == colon) {
                try {
                    return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    throw new Failure("invalid port in " + text);
                }
            }
            return new HostPort(text, defaultPort);
        }
    }
}
