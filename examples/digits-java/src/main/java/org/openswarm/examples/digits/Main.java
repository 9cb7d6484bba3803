package org.openswarm.examples.digits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.openswarm.client.Evaluation;
import org.openswarm.client.SwarmCallback;
import org.openswarm.client.SwarmError;
import org.openswarm.common.safetensors.Safetensors;

/**
 * The digits example's command line.
 * <pre>
 * node --index i --nodes N --seed s [--contract name] [--out dir]   one swarm node (SWARM_SL_URL/TOKEN or loopback)
 * baseline --nodes N --seed s                                     local-only nodes and the central model
 * </pre>
 * Common options: {@code --data file.csv.gz --lr --batch --steps --sync --alpha --test-share}. {@code --seed} picks
 * the split (repeat i uses seed i); the same hyperparameters apply in every mode.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = new Options(args);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        try {
            switch (options.mode) {
                case "node" -> node(options);
                case "baseline" -> baseline(options);
                default -> usage("unknown mode " + options.mode);
            }
        } catch (SwarmError e) {
            System.err.println("digits: " + e.getMessage());
            System.exit(3);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
    }

    private static Splits splits(Options options, Hyperparameters hp) throws IOException {
        String data = options.string("data", null);
        Dataset all = Dataset.load(data == null ? null : Path.of(data));
        return Splits.of(all, options.integer("nodes", 5), hp.alpha(), hp.testShare(), options.longValue("seed", 1));
    }

    /** One swarm node: trains its split with a SwarmCallback and measures the final model on the pooled test set. */
    private static void node(Options options) throws IOException {
        Hyperparameters hp = options.hyperparameters();
        int nodes = options.integer("nodes", 5);
        int index = options.required("index");
        if (index < 0 || index >= nodes) {
            throw new IllegalArgumentException("--index has to be 0.." + (nodes - 1));
        }
        long seed = options.longValue("seed", 1);
        Splits splits = splits(options, hp);
        Dataset local = splits.nodes().get(index);
        SoftmaxRegression model = new SoftmaxRegression();
        SwarmCallback callback = SwarmCallback.builder(hp.syncFrequency(), options.integer("min-peers", nodes))
                .trainingContract(options.string("contract", SwarmCallback.DEFAULT_CONTRACT))
                .totalEpochs(hp.epochsFor(local.size()))
                .checkinModelOnTrainEnd(options.string("end-mode", "snapshot"))
                .program("digits-node" + index)
                .adsValData(() -> {
                    double[] la = model.lossAndAccuracy(splits.test());
                    return new Evaluation(la[0], la[1]);
                })
                .build(model);
        callback.logger().info("node " + index + " of " + nodes + ": " + local.size() + " training samples, "
                + hp + ", seed " + seed);
        Trainer.train(model, local, hp, shuffleSeed(seed, index), new Trainer.Hooks() {
            @Override
            public void onTrainBegin() {
                callback.onTrainBegin();
            }

            @Override
            public void onBatchEnd() {
                callback.onBatchEnd();
            }

            @Override
            public void onEpochEnd() {
                callback.onEpochEnd();
            }

            @Override
            public void onTrainEnd() {
                callback.onTrainEnd();
            }

            @Override
            public boolean stop() {
                return callback.isTrainingOver();
            }
        });
        double accuracy = model.accuracy(splits.test());
        String hash = sha256(Safetensors.toBytes(model.parameters()));
        String name = "node_" + index;
        System.out.println(name + " acc=" + format(accuracy));
        System.out.println(name + " sha256=" + hash);
        Path out = Path.of(options.string("out", "results"));
        Files.createDirectories(out);
        Files.writeString(out.resolve(name + ".txt"), name + " acc=" + format(accuracy) + "\n" + name + " sha256="
                + hash + "\n" + name + " samples=" + local.size() + "\n" + name + " loopback=" + callback.isLoopback()
                + "\n", StandardCharsets.UTF_8);
    }

    /** Every node's split trained alone, and one model trained on the union of the splits. */
    private static void baseline(Options options) throws IOException {
        Hyperparameters hp = options.hyperparameters();
        long seed = options.longValue("seed", 1);
        Splits splits = splits(options, hp);
        for (int i = 0; i < splits.nodes().size(); i++) {
            SoftmaxRegression model = new SoftmaxRegression();
            Trainer.train(model, splits.nodes().get(i), hp, shuffleSeed(seed, i), Trainer.Hooks.NONE);
            System.out.println("local node_" + i + " acc=" + format(model.accuracy(splits.test())));
        }
        SoftmaxRegression central = new SoftmaxRegression();
        Trainer.train(central, splits.union(), hp, shuffleSeed(seed, splits.nodes().size()), Trainer.Hooks.NONE);
        System.out.println("central acc=" + format(central.accuracy(splits.test())));
    }

    /** Each node's own batch order, fixed by the repeat's seed. */
    static long shuffleSeed(long seed, int index) {
        return seed * 1000 + index;
    }

    static String format(double accuracy) {
        return String.format(Locale.ROOT, "%.4f", accuracy);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void usage(String problem) {
        System.err.println("digits: " + problem);
        System.err.println("usage: node --index i --nodes N --seed s [--contract name] [--out dir] [--min-peers n]");
        System.err.println("            [--end-mode snapshot|active|inactive]");
        System.err.println("       baseline --nodes N --seed s");
        System.err.println("options: --data digits.csv.gz --lr --batch --steps --sync --alpha --test-share");
        System.exit(2);
    }
}
