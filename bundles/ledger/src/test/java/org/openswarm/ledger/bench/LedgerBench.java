package org.openswarm.ledger.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.NodeRegistration;
import org.openswarm.api.sn.NodeType;
import org.openswarm.ledger.internal.AnvilProcess;
import org.openswarm.ledger.internal.contracts.Registry;
import org.openswarm.ledger.internal.contracts.TrainingContract;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Ledger benchmark on the embedded chain: an anvil started through the product's {@link AnvilProcess} (automine,
 * {@code --state-interval 1}), written to through the product's ChainClient and Web3Ledger (see {@link Product}).
 * Not a test: run it with {@code scripts/bench-ledger.sh}.
 *
 * <ul>
 * <li>(a) sequential transactions send → receipt, interleaved so that the series share the same noise: a node
 * registration and a heartbeat (SN + 4 SLs) through Web3Ledger (outbox included), the same heartbeat through
 * ChainClient alone (no outbox), a bare {@code eth_blockNumber} as the floor of one JSON-RPC round trip, and, for
 * comparison only (not the product's path), the same heartbeat through plain web3j polling for the receipt every 5 ms
 * instead of ChainClient's 20 ms;</li>
 * <li>(b) 16-node check-in rounds on a TrainingContract (minPeers 16; node 0 is the only leader candidate): the 16
 * check-ins, then freeze and publishMerged by the leader's SN. Variant "4 SN": SL i belongs to SN i % 4, each SN has
 * its own account and ChainClient, the 4 SNs send in parallel threads, each SN's check-ins one after the other.
 * Variant "1 SN": one account sends all 16. The two variants run on two contracts, round by round in alternating
 * order, so both see the same machine.</li>
 * </ul>
 *
 * Arguments ({@code --name=value}): anvil (or system property openswarm.anvil), tx (300), warmup (30),
 * rounds (30), warmupRounds (3), raw (a directory for the raw samples as CSV; none by default), keep (any value:
 * keep anvil's directory, deleted otherwise).
 */
public final class LedgerBench {
    private static final long CHAIN_ID = 31337;
    /** The well-known development mnemonic: accounts 0..9 are funded. Never used outside tests and benches. */
    private static final String MNEMONIC = "test test test test test test test test test test test junk";
    private static final int SNS = 4;
    private static final int NODES = 16;
    private static final byte[] CONTEXT = bytes32(0xC0FFEE);

    private final Map<String, String> options;
    private final PrintStream out = System.out;
    private final Map<String, double[]> raw = new LinkedHashMap<>();

    private LedgerBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("="))
                throw new IllegalArgumentException("arguments are --name=value, got " + arg);
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new LedgerBench(options).run();
        System.exit(0);
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private void run() throws Exception {
        int txCount = option("tx", 300);
        int warmup = option("warmup", 30);
        int rounds = option("rounds", 30);
        int warmupRounds = option("warmupRounds", 3);
        String binary = options.getOrDefault("anvil", System.getProperty("openswarm.anvil"));
        if (binary == null)
            throw new IllegalArgumentException("--anvil=PATH or -Dopenswarm.anvil=PATH names the anvil binary");

        Path dir = Files.createTempDirectory("openswarm-ledger-bench");
        out.printf("# OpenSwarm ledger bench, %s%n", Instant.now());
        out.printf("java %s (%s), %d CPUs, anvil %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), anvilVersion(binary));
        out.printf("tx=%d warmup=%d rounds=%d warmupRounds=%d dir=%s%n%n", txCount, warmup, rounds, warmupRounds, dir);

        long startNanos = System.nanoTime();
        try (AnvilProcess anvil = AnvilProcess.start(new AnvilProcess.Settings(Path.of(binary), dir.resolve("chain"),
                freePort(), CHAIN_ID, MNEMONIC))) {
            out.printf("anvil pid %d started in %.0f ms, RSS %d MB%n", anvil.pid(), ms(System.nanoTime() - startNanos),
                    rssMb(anvil.pid()));
            long rssBefore = rssMb(anvil.pid());

            Product.Chain[] sn = new Product.Chain[SNS];
            for (int i = 0; i < SNS; i++)
                sn[i] = new Product.Chain(anvil.rpcUrl(), Credentials.create(anvil.privateKey(i)), CHAIN_ID);
            try {
                Map<String, String> contracts = Product.deployContracts(sn[0], dir.resolve("contracts.json"));
                Ledger ledger = Product.ledger(sn[0], dir.resolve("outbox.jsonl"), contracts);
                String registryAddress = contracts.get("Registry");
                Registry registry = Registry.load(registryAddress, sn[0].web3(), sn[0].transactions(), sn[0].gas());

                // The sentinel (account 0) registers itself and three SNs; each SN account becomes a writer.
                String[] snUid = new String[SNS];
                for (int i = 0; i < SNS; i++) {
                    snUid[i] = uuid(1, i);
                    ledger.registerNode(new NodeRegistration(snUid[i], i == 0 ? NodeType.SENTINEL : NodeType.SN,
                            "sn-" + i, "127.0.0.1", 30304 + i, null, null, sn[i].address()));
                }
                String[] slUid = new String[NODES];
                for (int i = 0; i < NODES; i++) {
                    slUid[i] = uuid(2, i);
                    ledger.registerNode(new NodeRegistration(slUid[i], NodeType.SL, "sl-" + i, "127.0.0.1",
                            31000 + i, snUid[i % SNS], null, null));
                }

                Registry fastPolling = Registry.load(registryAddress, sn[0].web3(), new RawTransactionManager(sn[0].web3(),
                        Credentials.create(anvil.privateKey(0)), CHAIN_ID,
                        new PollingTransactionReceiptProcessor(sn[0].web3(), 5, 12_000)), sn[0].gas());
                transactions(ledger, registry, fastPolling, sn[0], snUid[0], List.of(slUid).subList(0, 4), warmup,
                        txCount);
                checkinRounds(sn, registryAddress, slUid, warmupRounds, rounds);

                long rssAfter = rssMb(anvil.pid());
                long height = sn[0].web3().ethBlockNumber().send().getBlockNumber().longValueExact();
                Path state = dir.resolve("chain").resolve("state.json");
                out.printf("%nanvil RSS: %d MB after start, %d MB at the end (%d blocks); "
                        + "state file %.1f MB%n", rssBefore, rssAfter, height,
                        Files.exists(state) ? Files.size(state) / 1e6 : 0.0);
            } finally {
                for (Product.Chain chain : sn)
                    chain.close();
            }
        }
        writeRaw();
        out.printf("total wall time %.1f s%n", ms(System.nanoTime() - startNanos) / 1000);
        if (!options.containsKey("keep"))
            deleteTree(dir);
    }

    // ------------------------------------------------------------------------------------------ (a) transactions

    private void transactions(Ledger ledger, Registry registry, Registry fastPolling, Product.Chain sentinel,
            String snUid,
            List<String> children, int warmup, int count) throws Exception {
        List<String> beat = new ArrayList<>();
        beat.add(snUid);
        beat.addAll(children);
        List<byte[]> beatIds = beat.stream().map(LedgerBench::uuidBytes).toList();
        double[] register = new double[count];
        double[] heartbeat = new double[count];
        double[] heartbeatNoOutbox = new double[count];
        double[] rpc = new double[count];
        double[] heartbeatFastPoll = new double[count];
        int serial = 0;
        for (int i = -warmup; i < count; i++) {
            String uid = uuid(3, serial++);
            long t0 = System.nanoTime();
            ledger.registerNode(new NodeRegistration(uid, NodeType.SL, "bench", "127.0.0.1", 32000, snUid, null,
                    null));
            long t1 = System.nanoTime();
            ledger.heartbeat(beat);
            long t2 = System.nanoTime();
            sentinel.write("heartbeat", registry.heartbeat(beatIds));
            long t3 = System.nanoTime();
            sentinel.web3().ethBlockNumber().send();
            long t4 = System.nanoTime();
            fastPolling.heartbeat(beatIds).send();
            long t5 = System.nanoTime();
            if (i < 0)
                continue;
            register[i] = ms(t1 - t0);
            heartbeat[i] = ms(t2 - t1);
            heartbeatNoOutbox[i] = ms(t3 - t2);
            rpc[i] = ms(t4 - t3);
            heartbeatFastPoll[i] = ms(t5 - t4);
        }
        out.printf("%n## (a) sequential transactions, send -> receipt (n=%d each, after %d warm-up), ms%n%n", count,
                warmup);
        header("series");
        row("registerNode (Web3Ledger, outbox)", register);
        row("heartbeat 5 uids (Web3Ledger, outbox)", heartbeat);
        row("heartbeat 5 uids (ChainClient only)", heartbeatNoOutbox);
        row("eth_blockNumber (RPC floor, no tx)", rpc);
        row("heartbeat, plain web3j, 5 ms receipt poll", heartbeatFastPoll);
        out.printf("%nshare of transactions over 20 ms (needed a second receipt poll): register %.0f%%, heartbeat "
                + "%.0f%%, heartbeat without outbox %.0f%%%n", over(register, 20), over(heartbeat, 20),
                over(heartbeatNoOutbox, 20));
        out.printf("p50 by fifth of the run (the chain grows by 5 blocks per step): register %s, heartbeat "
                + "without outbox %s%n", fifths(register), fifths(heartbeatNoOutbox));
        out.printf("outbox cost (heartbeat with / without, medians): %.2f ms / %.2f ms = x%.2f%n",
                percentile(heartbeat, 50), percentile(heartbeatNoOutbox, 50),
                percentile(heartbeat, 50) / percentile(heartbeatNoOutbox, 50));
        raw.put("register_ms", register);
        raw.put("heartbeat_ms", heartbeat);
        raw.put("heartbeat_no_outbox_ms", heartbeatNoOutbox);
        raw.put("rpc_block_number_ms", rpc);
        raw.put("heartbeat_poll5_ms", heartbeatFastPoll);
    }

    // --------------------------------------------------------------------------------------- (b) check-in rounds

    /** One training contract and the SNs that write to it. */
    private record Training(String label, TrainingContract[] perSn, int[] snOfNode, int sns) {
    }

    private void checkinRounds(Product.Chain[] sn, String registry, String[] slUid, int warmupRounds, int rounds)
            throws Exception {
        byte[][] uid = new byte[NODES][];
        for (int i = 0; i < NODES; i++)
            uid[i] = uuidBytes(slUid[i]);
        Training four = training("4 SN accounts", sn, registry, uid, SNS);
        Training one = training("1 SN account", sn, registry, uid, 1);

        ExecutorService threads = Executors.newFixedThreadPool(SNS);
        try {
            int total = warmupRounds + rounds;
            double[][] roundMs = new double[2][rounds];
            double[][] checkinMs = new double[2][rounds];
            double[][] mergeMs = new double[2][rounds];
            for (int r = 1; r <= total; r++) {
                // Alternate which variant goes first, so neither always runs right after the other.
                Training[] order = r % 2 == 0 ? new Training[] {four, one} : new Training[] {one, four};
                for (Training t : order) {
                    double[] times = round(t, sn, uid, r, threads);
                    if (r <= warmupRounds)
                        continue;
                    int v = t == four ? 0 : 1;
                    roundMs[v][r - warmupRounds - 1] = times[0];
                    checkinMs[v][r - warmupRounds - 1] = times[1];
                    mergeMs[v][r - warmupRounds - 1] = times[2];
                }
            }
            out.printf("%n## (b) 16-node check-in round: first check-in sent -> MergedPublished receipt "
                    + "(18 tx; n=%d rounds each, after %d warm-up), ms%n%n", rounds, warmupRounds);
            header("series");
            for (int v = 0; v < 2; v++) {
                String label = v == 0 ? four.label() : one.label();
                row("round, " + label, roundMs[v]);
                row("  16 check-ins, " + label, checkinMs[v]);
                row("  freeze + publishMerged, " + label, mergeMs[v]);
            }
            double p50Four = percentile(roundMs[0], 50);
            double p50One = percentile(roundMs[1], 50);
            out.printf("%nround p50: 1 SN / 4 SN = %.0f / %.0f ms = x%.2f; check-ins p50 1 SN / 4 SN = x%.2f%n",
                    p50One, p50Four, p50One / p50Four, percentile(checkinMs[1], 50) / percentile(checkinMs[0], 50));
            out.printf("ledger transactions per second in rounds (18 tx / round p50): 4 SN %.0f, 1 SN %.0f%n",
                    18_000 / p50Four, 18_000 / p50One);
            raw.put("round_4sn_ms", roundMs[0]);
            raw.put("checkins_4sn_ms", checkinMs[0]);
            raw.put("merge_4sn_ms", mergeMs[0]);
            raw.put("round_1sn_ms", roundMs[1]);
            raw.put("checkins_1sn_ms", checkinMs[1]);
            raw.put("merge_1sn_ms", mergeMs[1]);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Deploys a TrainingContract and enrolls the 16 nodes through the SN each belongs to; node 0 may lead. */
    private Training training(String label, Product.Chain[] sn, String registry, byte[][] uid, int sns)
            throws Exception {
        TrainingContract deployed = TrainingContract.deploy(sn[0].web3(), sn[0].transactions(), sn[0].gas(),
                "bench-" + sns + "sn.cqdb.sml.hpe", registry, BigInteger.valueOf(60)).send();
        TrainingContract[] perSn = new TrainingContract[sns];
        for (int s = 0; s < sns; s++)
            perSn[s] = TrainingContract.load(deployed.getContractAddress(), sn[s].web3(), sn[s].transactions(),
                    sn[s].gas());
        int[] snOfNode = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            snOfNode[i] = i % sns;
            sn[snOfNode[i]].write("enroll", perSn[snOfNode[i]].enroll(uid[i], CONTEXT, BigInteger.valueOf(NODES),
                    i == 0));
        }
        return new Training(label, perSn, snOfNode, sns);
    }

    /** One round; returns {round, check-ins, freeze + publish} in ms. */
    private static double[] round(Training t, Product.Chain[] sn, byte[][] uid, int round, ExecutorService threads)
            throws Exception {
        BigInteger r = BigInteger.valueOf(round);
        List<Callable<Void>> perSn = new ArrayList<>();
        for (int s = 0; s < t.sns(); s++) {
            int snIndex = s;
            perSn.add(() -> {
                for (int i = 0; i < NODES; i++)
                    if (t.snOfNode()[i] == snIndex)
                        sn[snIndex].write("checkin", t.perSn()[snIndex].checkin(uid[i], r, bytes32(round * 100 + i),
                                BigInteger.ONE));
                return null;
            });
        }
        long t0 = System.nanoTime();
        for (Future<Void> done : threads.invokeAll(perSn))
            done.get();
        long t1 = System.nanoTime();
        // The leader (node 0, on SN 0) freezes all 16 in uid order and publishes the merged hash.
        sn[0].write("freeze", t.perSn()[0].freeze(uid[0], r, Arrays.asList(uid)));
        TransactionReceipt published = sn[0].write("publishMerged",
                t.perSn()[0].publishMerged(uid[0], r, bytes32(0x5E000000 + round)));
        long t2 = System.nanoTime();
        if (TrainingContract.getMergedPublishedEvents(published).size() != 1)
            throw new IllegalStateException("round " + round + " of " + t.label() + ": no MergedPublished event");
        return new double[] {ms(t2 - t0), ms(t1 - t0), ms(t2 - t1)};
    }

    // ---------------------------------------------------------------------------------------------------- output

    private void header(String first) {
        out.printf("| %-42s | %7s | %7s | %7s | %7s | %7s | %7s |%n", first, "p50", "p99", "mean", "min", "max",
                "per s");
        out.printf("|%s|---------|---------|---------|---------|---------|---------|%n", "-".repeat(44));
    }

    /** A table row; "per s" is 1000 / mean (sequential operations per second). */
    private void row(String label, double[] ms) {
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        out.printf("| %-42s | %7.2f | %7.2f | %7.2f | %7.2f | %7.2f | %7.1f |%n", label, percentile(ms, 50),
                percentile(ms, 99), mean, percentile(ms, 0), percentile(ms, 100), 1000 / mean);
    }

    /** Nearest-rank percentile (p 0 is the minimum). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String fifths(double[] values) {
        List<String> medians = new ArrayList<>();
        int size = values.length / 5;
        for (int i = 0; i < 5 && size > 0; i++)
            medians.add(String.format("%.1f", percentile(Arrays.copyOfRange(values, i * size, (i + 1) * size), 50)));
        return medians.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
                Files.deleteIfExists(path);
        }
    }

    private static double over(double[] values, double ms) {
        return 100.0 * Arrays.stream(values).filter(v -> v > ms).count() / values.length;
    }

    private void writeRaw() throws IOException {
        String dir = options.get("raw");
        if (dir == null)
            return;
        Path target = Path.of(dir);
        Files.createDirectories(target);
        for (Map.Entry<String, double[]> series : raw.entrySet()) {
            StringBuilder csv = new StringBuilder("ms\n");
            for (double v : series.getValue())
                csv.append(String.format("%.3f%n", v));
            Files.writeString(target.resolve(series.getKey() + ".csv"), csv);
        }
        out.printf("raw samples in %s%n", target.toAbsolutePath());
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String uuid(int kind, int n) {
        return new UUID(0x0e45_5a4d_0000_0000L | ((long) kind << 16), n + 1L).toString();
    }

    private static byte[] uuidBytes(String uuid) {
        UUID parsed = UUID.fromString(uuid);
        return ByteBuffer.allocate(32).putLong(parsed.getMostSignificantBits())
                .putLong(parsed.getLeastSignificantBits()).array();
    }

    private static byte[] bytes32(long n) {
        return ByteBuffer.allocate(32).putLong(0, 0x0b5e_0000_0000_0000L).putLong(24, n).array();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Resident memory of a process from /proc (Linux), in MB; -1 elsewhere. */
    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")))
                if (line.startsWith("VmRSS:"))
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return -1;
    }

    private static String anvilVersion(String binary) {
        try {
            Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return text.lines().findFirst().orElse("?").replaceFirst("^anvil ", "");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
