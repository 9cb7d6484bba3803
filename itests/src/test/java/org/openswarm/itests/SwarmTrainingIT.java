package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.ledger.TrainingStatus;
import org.openswarm.common.safetensors.Safetensors;
import org.openswarm.common.safetensors.Tensor;
import org.openswarm.common.sn.SnClient;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.MlProgram;
import org.openswarm.itests.harness.RoguePeer;
import org.openswarm.itests.harness.SlBoxes;

/**
 * Swarm training through the real distribution: a sentinel (SN, embedded ledger, license server) and four boxes that
 * each run one SL in a Karaf of its own, so killing a node is a real process death ({@code kill -9}); the ML programs
 * are the digits example as processes of their own. The boxes are shared by the scenarios, each of which trains on a
 * training contract of its own; timeouts are shortened through configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmTrainingIT {
    private static final int NODES = 4;
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration TRAINING = Duration.ofMinutes(4);
    private static final String DIGITS = "org.openswarm.examples.digits.Main";
    private static final Pattern HASH = Pattern.compile("node_(\\d+) sha256=([0-9a-f]{64})");
    private static final AtomicInteger CONTRACTS = new AtomicInteger();

    private KarafInstance sentinel;
    private final List<KarafInstance> boxes = new ArrayList<>();
    private final Map<String, String> uids = new HashMap<>();
    private final List<MlProgram> started = new ArrayList<>();
    private SnClient sn;
    private Path work;

    @BeforeAll
    void bootTheSwarm() throws Exception {
        sentinel = KarafInstance.builder("swarm-sentinel")
                .config("org.openswarm.sn", "heartbeatSeconds", "1")
                .config("org.openswarm.sn", "missedHeartbeats", "3")
                .build().start();
        sn = new SnClient(URI.create(sentinel.snApiUrl("/")), sentinel.joinToken(), Duration.ofSeconds(60));
        Map<String, String> settings = Map.of("heartbeatSeconds", "1", "pollMillis", "100",
                "fullQuorumWaitSeconds", "3", "leaderTimeoutSeconds", "6", "peerTimeoutSeconds", "6",
                "mlIdleTimeoutSeconds", "4");
        List<KarafInstance> built = new ArrayList<>();
        for (int i = 0; i < NODES; i++)
            built.add(SlBoxes.box("sl" + i, sentinel, settings).build());
        ExecutorService starter = Executors.newFixedThreadPool(NODES);
        try {
            List<Future<KarafInstance>> started = new ArrayList<>();
            for (KarafInstance box : built)
                started.add(starter.submit(box::start));
            for (Future<KarafInstance> box : started)
                boxes.add(box.get());
        } finally {
            starter.shutdown();
        }
        for (int i = 0; i < NODES; i++)
            uids.put(slUid(i), "sl" + i);
        work = Files.createDirectories(sentinel.home().getParent().resolve("swarm-ml"));
        Await.require(BOOT, "all four SLs registered and alive", () -> sn.nodes().stream()
                .filter(n -> n.alive() && uids.containsKey(n.uid())).count() == NODES);
    }

    /** Every box runs again before a scenario, whatever the one before left behind. */
    @BeforeEach
    void everyBoxRuns() {
        for (KarafInstance box : boxes)
            if (!box.isRunning())
                box.start();
    }

    @AfterEach
    void stopLeftoverPrograms() {
        started.forEach(MlProgram::close);
        started.clear();
    }

    @AfterAll
    void stopTheSwarm() {
        boxes.forEach(KarafInstance::close);
        if (sentinel != null)
            sentinel.close();
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    @Test
    void fourSlsTrainTheDigitsToOneModel() {
        String contract = newContract(600);
        List<MlProgram> programs = new ArrayList<>();
        for (int i = 0; i < NODES; i++)
            programs.add(digits(i, contract, NODES, List.of()));
        Map<Integer, String> hashes = finish(programs);
        assertEquals(1, Set.copyOf(hashes.values()).size(), "every node ends with the same model: " + hashes);
        for (MlProgram program : programs)
            assertTrue(accuracy(program) >= 0.90, program.name() + ": " + program.tail(5));

        ContractStatus status = sn.contractStatus(contract);
        assertEquals(TrainingStatus.FINISHED, status.contract().status());
        assertEquals(NODES, status.nodes().size());
        for (ContractStatus.NodeState node : status.nodes()) {
            assertTrue(node.closed());
            assertNotNull(node.perf(), "PERFDATA of " + node.uid());
            assertTrue(node.perf().loss() > 0 && node.perf().metric() > 0.5, "PERFDATA of " + node.uid());
        }
        assertTrue(status.contract().currentRound() > 30, "about 40 rounds: " + status.contract().currentRound());
        String swLog = read(boxes.get(0).home().resolve("data/openswarm/sl/sl0/models/digits-node0_sw.log"));
        assertTrue(swLog.contains("Merge Done: round") && swLog.contains("Checked in for round"), swLog);
        String info = boxes.get(0).shell("swarm:sl-info").requireOk("swarm:sl-info").output();
        assertTrue(info.contains("SWARM_SL_URL=http://127.0.0.1:") && info.contains("SWARM_SL_TOKEN="), info);
    }

    @Test
    void dropoutsBelowAndAboveTheQuorumAndTheirReturn() {
        // A short leader deadline: a node killed while it leads a round is replaced in seconds.
        String contract = newContract(3);
        List<MlProgram> programs = new ArrayList<>();
        for (int i = 0; i < NODES; i++)
            programs.add(digits(i, contract, NODES, List.of("--min-peers", "3", "--steps", "720", "--sync", "6")));
        awaitRound(contract, 5);

        KarafInstance first = boxes.get(1);
        first.kill();
        long atKill = round(contract);
        awaitRound(contract, atKill + 3);

        KarafInstance second = boxes.get(2);
        second.kill();
        // Whatever round the second one died in (even as its leader) merges without it; then the two left wait.
        String[] status = new String[1];
        Await.require(Duration.ofSeconds(60), "the live SLs waiting below minPeers", () -> {
            status[0] = boxes.get(0).shell("swarm:sl-status --no-format").output();
            return status[0].contains("WAITING_FOR_QUORUM") && status[0].contains("of minPeers 3");
        });
        long stalled = round(contract);
        sleep(5000);
        assertEquals(stalled, round(contract), "no round merges below minPeers: " + status[0]);

        first.start();
        long back = round(contract);
        awaitRound(contract, back + 3);
        String returned = slUid(1);
        Await.require(Duration.ofSeconds(90), "the returned SL to contribute again", () -> {
            for (long r = back; r < round(contract); r++)
                if (sn.round(contract, r).participants().contains(returned))
                    return true;
            return false;
        });
        second.start();

        Map<Integer, String> hashes = finish(programs);
        assertEquals(1, Set.copyOf(hashes.values()).size(), "every node ends with the same model: " + hashes);
        assertTrue(programs.get(1).output().contains("rejoins from the latest merged model"),
                programs.get(1).tail(30));
    }

    @Test
    void aLateJoinerStartsFromTheLatestMergedModel() {
        String contract = newContract(600);
        List<MlProgram> programs = new ArrayList<>();
        // The early nodes also end in each checkinModelOnTrainEnd mode while the late one still trains.
        List<String> modes = List.of("active", "inactive", "snapshot");
        for (int i = 0; i < NODES - 1; i++)
            programs.add(digits(i, contract, NODES, List.of("--min-peers", "2", "--end-mode", modes.get(i))));
        awaitRound(contract, 5);
        programs.add(digits(NODES - 1, contract, NODES, List.of("--min-peers", "2")));
        Map<Integer, String> hashes = finish(programs);
        assertEquals(1, Set.copyOf(hashes.values()).size(), "every node ends with the same model: " + hashes);
        String swLog = read(boxes.get(NODES - 1).home().resolve("data/openswarm/sl/sl3/models/digits-node3_sw.log"));
        Matcher joined = Pattern.compile("Joining: adopting the latest merged model of round (\\d+)").matcher(swLog);
        assertTrue(joined.find(), swLog);
        assertTrue(Long.parseLong(joined.group(1)) >= 4, swLog);
    }

    @Test
    void aBlobThatDoesNotMatchTheLedgerIsRefused() throws Exception {
        String contract = newContract(600);
        List<MlProgram> programs = new ArrayList<>();
        for (int i = 0; i < 2; i++)
            programs.add(digits(i, contract, 2, List.of("--steps", "240")));
        try (RoguePeer rogue = new RoguePeer(sn, contract, RoguePeer.Mode.TAMPERED)) {
            Await.require(Duration.ofSeconds(120), "a round with the rogue among its participants merged",
                    () -> mergedWith(contract, rogue.uid()) > 0);
            long round = mergedWith(contract, rogue.uid());
            String logs = boxes.get(0).log() + boxes.get(1).log();
            assertTrue(logs.contains("Refused the parameters of " + rogue.uid()), "leader refused the rogue");
            assertTrue(logs.contains("Merge Done: round " + round), "round " + round + " completed without it");
            rogue.retire();
            Map<Integer, String> hashes = finish(programs);
            assertEquals(1, Set.copyOf(hashes.values()).size(), "both honest nodes end alike: " + hashes);
        }
    }

    @Test
    void aLeaderKilledAfterTheFreezeIsReplaced() throws Exception {
        String contract = newContract(3);
        List<MlProgram> programs = new ArrayList<>();
        // minPeers 3 with one rogue: every frozen round has an honest participant besides its leader to take over.
        for (int i = 0; i < 3; i++)
            programs.add(digits(i, contract, 3, List.of("--min-peers", "3", "--steps", "240")));
        try (RoguePeer rogue = new RoguePeer(sn, contract, RoguePeer.Mode.HANG)) {
            // The rogue's file server never answers, so the leader is stuck fetching after the freeze.
            RoundInfo[] stuck = new RoundInfo[1];
            Await.require(Duration.ofSeconds(120), "a frozen round whose leader is busy with the hung peer", () -> {
                RoundInfo info = sn.round(contract, round(contract));
                boolean hangs = info.frozen() && info.mergedHash() == null
                        && info.participants().contains(rogue.uid()) && uids.containsKey(info.leader());
                if (hangs)
                    stuck[0] = info;
                return hangs;
            });
            String leader = uids.get(stuck[0].leader());
            KarafInstance leaderBox = boxes.get(Integer.parseInt(leader.substring(2)));
            leaderBox.kill();
            rogue.retire();
            Await.require(Duration.ofSeconds(90), "another participant to take the round over and merge it", () -> {
                RoundInfo info = sn.round(contract, stuck[0].round());
                return info.mergedHash() != null && !info.leader().equals(stuck[0].leader());
            });
            String logs = boxes.stream().filter(b -> b != leaderBox).map(KarafInstance::log)
                    .collect(Collectors.joining());
            assertTrue(logs.contains("handing the merge to the next participant (failover)"), "failover logged");
            leaderBox.start();
            Map<Integer, String> hashes = finish(programs);
            assertEquals(1, Set.copyOf(hashes.values()).size(), "every node ends with the same model: " + hashes);
        }
    }

    @Test
    void aQuorumWaitOutlastsTheIdleTimeouts() {
        String contract = newContract(600);
        // The SL answers polls before its 4 s idle timeout, the client (2 s polls) times a read out after 7 s: the
        // first node waits for its peer far longer than both.
        Map<String, String> env = Map.of("SWARM_SL_POLL_SECONDS", "2");
        MlProgram early = digits(0, contract, 2, List.of("--steps", "120"), env);
        Await.require(Duration.ofSeconds(60), "the first node waiting for its quorum",
                () -> read(boxes.get(0).home().resolve("data/openswarm/sl/sl0/models/digits-node0_sw.log"))
                        .contains("WAITING_FOR_QUORUM"));
        sleep(25_000);
        assertTrue(early.isAlive(), early.tail(20));
        MlProgram late = digits(1, contract, 2, List.of("--steps", "120"), env);
        Map<Integer, String> hashes = finish(List.of(early, late));
        assertEquals(1, Set.copyOf(hashes.values()).size(), "both end alike: " + hashes);
        assertFalse(early.output().contains("Exception"), early.tail(30));
    }

    @Test
    void theMlApiAnswersBadCallsWithClearErrors() throws Exception {
        KarafInstance box = boxes.get(3);
        Map<String, String> env = MlProgram.slEnv(box, "sl3");
        String url = env.get("SWARM_SL_URL");
        String token = env.get("SWARM_SL_TOKEN");
        assertEquals(200, Http.get(url + "/v1/ping").status());
        assertEquals(401, Http.post(url + "/v1/sessions", "{\"syncFrequency\": 4, \"minPeers\": 1}".getBytes())
                .status());
        assertEquals(401, Http.postJson(url + "/v1/sessions", "wrong", Map.of("syncFrequency", 4, "minPeers", 1))
                .status());
        Http.Response missing = Http.postJson(url + "/v1/sessions", token, Map.of("minPeers", 1));
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("syncFrequency has to be a positive integer"), missing.body());
        Http.Response noContract = Http.postJson(url + "/v1/sessions", token, Map.of("syncFrequency", 4, "minPeers",
                1, "trainingContract", "no-such-contract"));
        assertEquals(400, noContract.status());
        assertTrue(noContract.body().contains("does not exist"), noContract.body());

        String contract = newContract(600);
        Http.Response opened = Http.postJson(url + "/v1/sessions", token, Map.of("syncFrequency", 4, "minPeers", 1,
                "trainingContract", contract, "checkinModelOnTrainEnd", "snapshot"));
        assertEquals(201, opened.status(), opened.body());
        String session = url + "/v1/sessions/" + opened.json(Map.class).get("sessionId");
        Http.Response changed = Http.postJson(url + "/v1/sessions", token, Map.of("syncFrequency", 5, "minPeers", 1,
                "trainingContract", contract));
        assertEquals(409, changed.status());
        assertTrue(changed.body().contains("cannot change ML context"), changed.body());
        // The refused open superseded nothing: the first session still answers.
        assertEquals(200, Http.get(session, token).status());

        byte[] model = Safetensors.toBytes(Map.of("w", Tensor.ofFloats(new long[] { 3 }, new float[] { 1, 2, 3 })));
        assertEquals(409, put(session + "/syncs/2", token, model, "application/octet-stream").status());
        assertEquals(415, put(session + "/syncs/1", token, model, "application/json").status());
        assertEquals(404, Http.get(url + "/v1/sessions/unknown", token).status());
        assertEquals(202, put(session + "/syncs/1", token, model, "application/octet-stream").status());
        assertEquals(202, put(session + "/syncs/1", token, model, "application/octet-stream").status(),
                "a retried sync is accepted again");
        byte[] other = Safetensors.toBytes(Map.of("w", Tensor.ofFloats(new long[] { 3 }, new float[] { 9, 9, 9 })));
        assertEquals(409, put(session + "/syncs/1", token, other, "application/octet-stream").status());
        assertEquals(400, Http.get(session + "/syncs/1?wait=999", token).status());
        HttpResponse<byte[]> merged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(session + "/syncs/1?wait=60")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, merged.statusCode(), new String(merged.body()));
        assertEquals("1", merged.headers().firstValue("X-Swarm-Round").orElseThrow());
        assertEquals("4", merged.headers().firstValue("X-Swarm-Next-Sync-Interval").orElseThrow());
        assertEquals(3, Safetensors.read(merged.body()).get("w").toFloats().length);

        assertEquals(400, Http.postJson(session + "/metrics", token, Map.of("seq", 1)).status());
        assertEquals(204, Http.postJson(session + "/metrics", token, Map.of("seq", 1, "loss", 0.5, "metric", 0.75,
                "epochsDone", 1, "totalEpochs", 2)).status());
        assertEquals(400, put(session + "/close", token, new byte[0], "application/octet-stream").status(),
                "snapshot needs the final parameters");
        assertEquals(204, Http.send(HttpRequest.newBuilder(URI.create(session)).header("Authorization",
                "Bearer " + token).DELETE()).status());
        ContractStatus status = sn.contractStatus(contract);
        assertEquals(0.5, status.nodes().get(0).perf().loss(), 1e-9);
        assertTrue(status.nodes().get(0).closed());
        assertEquals(TrainingStatus.FINISHED, status.contract().status());
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static Http.Response put(String url, String token, byte[] body, String type) throws IOException {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private String newContract(long leaderTimeoutSeconds) {
        String name = "itest-" + ProcessHandle.current().pid() + "-" + CONTRACTS.incrementAndGet();
        sn.createContract(name, leaderTimeoutSeconds);
        return name;
    }

    private MlProgram digits(int index, String contract, int nodes, List<String> extra) {
        return digits(index, contract, nodes, extra, Map.of());
    }

    private MlProgram digits(int index, String contract, int nodes, List<String> extra, Map<String, String> env) {
        Map<String, String> environment = new HashMap<>(MlProgram.slEnv(boxes.get(index), "sl" + index));
        environment.putAll(env);
        List<String> args = new ArrayList<>(List.of("node", "--index", String.valueOf(index), "--nodes",
                String.valueOf(nodes), "--seed", "1", "--contract", contract, "--out",
                work.resolve(contract).toString()));
        args.addAll(extra);
        MlProgram program = MlProgram.start(contract + "-node" + index, work.resolve(contract), environment, DIGITS,
                args);
        started.add(program);
        return program;
    }

    /** Waits for every program to end well; answers each node's final model hash. */
    private static Map<Integer, String> finish(List<MlProgram> programs) {
        Map<Integer, String> hashes = new HashMap<>();
        for (MlProgram program : programs) {
            int exit = program.waitFor(TRAINING);
            assertEquals(0, exit, program.name() + " failed:\n" + program.tail(40));
            Matcher hash = HASH.matcher(program.output());
            assertTrue(hash.find(), program.name() + " printed no model hash:\n" + program.tail(20));
            hashes.put(Integer.parseInt(hash.group(1)), hash.group(2));
        }
        return hashes;
    }

    private static double accuracy(MlProgram program) {
        Matcher acc = Pattern.compile("node_\\d+ acc=([0-9.]+)").matcher(program.output());
        return acc.find() ? Double.parseDouble(acc.group(1)) : 0;
    }

    private long round(String contract) {
        return sn.contract(contract).currentRound();
    }

    private void awaitRound(String contract, long round) {
        Await.require(Duration.ofSeconds(120), "round " + round + " of " + contract, () -> round(contract) >= round);
    }

    /** The latest merged round that had {@code uid} among its participants, or 0. */
    private long mergedWith(String contract, String uid) {
        for (long r = round(contract) - 1; r >= 1; r--) {
            RoundInfo info = sn.round(contract, r);
            if (info.participants().contains(uid))
                return r;
        }
        return 0;
    }

    private String slUid(int index) {
        return read(boxes.get(index).home().resolve("data/openswarm/sl/sl" + index + "/node-uid")).trim();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
