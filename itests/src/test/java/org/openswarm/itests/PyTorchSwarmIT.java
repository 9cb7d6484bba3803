package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openswarm.api.ledger.TrainingStatus;
import org.openswarm.common.sn.SnClient;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.MlProgram;
import org.openswarm.itests.harness.SlBoxes;

/**
 * The PyTorch digits example (examples/digits-pytorch/train.py) with the Python client's SwarmCallback: one box runs
 * the sentinel (SN, embedded ledger) and four SLs; four {@code train.py node} processes, run by the venv's Python that
 * clients/python's build made, train the non-IID split of seed 1 to one model. Also the same program in loopback
 * (no SL at all).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyTorchSwarmIT {
    private static final int NODES = 4;
    private static final Duration TRAINING = Duration.ofMinutes(4);
    private static final Pattern HASH = Pattern.compile("node_(\\d+) sha256=([0-9a-f]{64})");
    private static final Pattern ACC = Pattern.compile("node_\\d+ acc=([0-9.]+)");

    private KarafInstance box;
    private SnClient sn;
    private Path work;
    private final List<MlProgram> started = new ArrayList<>();

    @BeforeAll
    void bootTheBox() throws Exception {
        KarafInstance.Builder builder = KarafInstance.builder("pytorch-swarm");
        for (int i = 0; i < NODES; i++) {
            // The SLs share the sentinel's box: its SN port, and an empty joinToken (the local SN's token file).
            String name = "node" + i;
            String pid = SlBoxes.pid(name);
            builder.config(pid, "name", name)
                    .config(pid, "snHost", "127.0.0.1")
                    .portTo(KarafInstance.SN_API, pid, "snPort")
                    .config(pid, "joinToken", "")
                    .config(pid, "fileServerBindHost", "127.0.0.1")
                    .freePort("files-" + name, pid, "fileServerPort")
                    .freePort("ml-" + name, pid, "mlPort")
                    .config(pid, "fullQuorumWaitSeconds", "2");
        }
        builder.readyWhen(b -> {
            // The SN first (its join token is what the SLs register with), then every SL's ml.env.
            if (!Http.isOk(b.snApiUrl("/is_up")) || !Files.exists(b.home().resolve("data/openswarm/sn/join-token")))
                return false;
            for (int i = 0; i < NODES; i++)
                if (!Files.exists(b.home().resolve("data/openswarm/sl/node" + i + "/ml.env")))
                    return false;
            return true;
        });
        box = builder.build().start();
        sn = new SnClient(URI.create(box.snApiUrl("/")), box.joinToken(), Duration.ofSeconds(60));
        work = Files.createDirectories(box.home().getParent().resolve("pytorch-ml-" + ProcessHandle.current().pid()));
    }

    @AfterAll
    void stop() {
        started.forEach(MlProgram::close);
        if (box != null)
            box.close();
    }

    @Test
    void fourPyTorchNodesTrainTheDigitsToOneModel() {
        String contract = "pytorch-" + ProcessHandle.current().pid();
        // The embedded ledger may still be starting right after the boot (503: "not ready yet").
        Await.require(Duration.ofSeconds(120), "the SN to create " + contract, () -> {
            try {
                sn.createContract(contract, 600L);
                return true;
            } catch (RuntimeException notReady) {
                return false;
            }
        });
        List<MlProgram> programs = new ArrayList<>();
        for (int i = 0; i < NODES; i++)
            programs.add(trainPy("node" + i, MlProgram.slEnv(box, "node" + i), List.of("--index", String.valueOf(i),
                    "--contract", contract, "--out", work.resolve(contract).toString())));
        Map<Integer, String> hashes = new HashMap<>();
        for (MlProgram program : programs) {
            int exit = program.waitFor(TRAINING);
            assertEquals(0, exit, program.name() + " failed:\n" + program.tail(40));
            Matcher hash = HASH.matcher(program.output());
            assertTrue(hash.find(), program.name() + " printed no model hash:\n" + program.tail(20));
            hashes.put(Integer.parseInt(hash.group(1)), hash.group(2));
        }
        assertEquals(NODES, hashes.size());
        assertEquals(1, Set.copyOf(hashes.values()).size(), "every node ends with the same model: " + hashes);
        for (MlProgram program : programs) {
            double accuracy = accuracy(program);
            System.out.println("PyTorchSwarmIT: " + program.name() + " acc=" + accuracy);
            assertTrue(accuracy >= 0.95, program.name() + " ends with the swarm model (simulated 0.96 for seed 1): "
                    + program.tail(5));
        }
        assertEquals(TrainingStatus.FINISHED, sn.contractStatus(contract).contract().status());
    }

    @Test
    void theSameProgramTrainsAloneInLoopback() {
        MlProgram program = trainPy("loopback", Map.of("SWARM_LOOPBACK", "true"), List.of("--index", "0", "--out",
                work.resolve("loopback").toString()));
        int exit = program.waitFor(Duration.ofMinutes(2));
        assertEquals(0, exit, "loopback run failed:\n" + program.tail(40));
        double accuracy = accuracy(program);
        System.out.println("PyTorchSwarmIT: loopback node_0 acc=" + accuracy);
        assertTrue(accuracy > 0.1 && HASH.matcher(program.output()).find(), program.tail(20));
    }

    private MlProgram trainPy(String name, Map<String, String> env, List<String> args) {
        Path trainPy = Path.of(System.getProperty("openswarm.itest.pytorchExample", "../examples/digits-pytorch"),
                "train.py").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(MlProgram.python().toString(), trainPy.toString(), "node",
                "--nodes", String.valueOf(NODES), "--seed", "1"));
        command.addAll(args);
        MlProgram program = MlProgram.startCommand(name, work, env, command, true);
        started.add(program);
        return program;
    }

    private static double accuracy(MlProgram program) {
        Matcher acc = ACC.matcher(program.output());
        return acc.find() ? Double.parseDouble(acc.group(1)) : 0;
    }
}
