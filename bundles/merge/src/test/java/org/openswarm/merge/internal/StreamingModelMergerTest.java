package org.openswarm.merge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.api.merge.MergeResult;
import org.openswarm.common.safetensors.DType;
import org.openswarm.common.safetensors.HalfFloats;
import org.openswarm.common.safetensors.Safetensors;
import org.openswarm.common.safetensors.SafetensorsFile;
import org.openswarm.common.safetensors.SafetensorsWriter;
import org.openswarm.common.safetensors.Tensor;
import org.openswarm.common.safetensors.TensorSpec;

class StreamingModelMergerTest {
    static JavaMergeEngine engine;
    static ExecutorService io;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = new JavaMergeEngine(2);
        io = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        engine.close();
        io.shutdownNow();
    }

    /** A model with mixed dtypes; participant k's float values are base + k. */
    static LinkedHashMap<String, Tensor> model(int k, Random r, float[] base) {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = base[i] + k;
        }
        m.put("w.f32", Tensor.ofFloats(new long[] {base.length / 10, 10}, v));
        m.put("w.f16", Tensor.ofFloats(DType.F16, new long[] {base.length}, v));
        m.put("w.bf16", Tensor.ofFloats(DType.BF16, new long[] {base.length}, v));
        double[] d = new double[7];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + k * 0.5;
        }
        m.put("w.f64", Tensor.ofDoubles(DType.F64, new long[] {7}, d));
        m.put("steps", Tensor.ofLongs(DType.I64, new long[] {2}, new long[] {100 + k, -k}));
        m.put("mask", Tensor.ofLongs(DType.BOOL, new long[] {3}, new long[] {k == 1 ? 1 : 0, 0, 1}));
        m.put("empty", Tensor.ofFloats(new long[] {0}, new float[0]));
        return m;
    }

    List<Path> write(int n, float[] base) throws IOException {
        Random r = new Random(1);
        List<Path> paths = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Path p = dir.resolve("in" + k + ".safetensors");
            Files.write(p, Safetensors.toBytes(model(k, r, base), Map.of("round", "3")));
            paths.add(p);
        }
        return paths;
    }

    static float[] base(int p) {
        Random r = new Random(2);
        float[] b = new float[p];
        for (int i = 0; i < p; i++) {
            b[i] = (float) r.nextGaussian() * 3;
        }
        return b;
    }

    @Test
    void meanOfMixedDtypesTensorByTensorAndChunkByChunk() throws Exception {
        float[] base = base(10_000);
        List<Path> in = write(4, base);
        Path out = dir.resolve("out.safetensors");
        StreamingModelMerger merger = new StreamingModelMerger(engine, 4096, io);
        MergeResult res = merger.merge(in, new double[] {1, 1, 1, 1}, MergeMethod.MEAN, null, out);
        assertEquals("java", res.engine());
        assertEquals(Files.size(out), res.bytes());
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(out))), res.sha256());
        assertEquals(4096, merger.peakElementsPerInput(), "chunked, never a whole 10000-element tensor");
        try (SafetensorsFile f = SafetensorsFile.open(out)) {
            assertEquals(Map.of("round", "3"), f.metadata());
            assertEquals(List.of("w.f32", "w.f16", "w.bf16", "w.f64", "steps", "mask", "empty"),
                    f.tensors().stream().map(t -> t.name()).toList());
            float[] f32 = f.readFloats("w.f32");
            float[] f16 = f.readFloats("w.f16");
            float[] bf16 = f.readFloats("w.bf16");
            for (int i = 0; i < base.length; i++) {
                float expected = base[i] + 1.5f;
                assertEquals(expected, f32[i], 1e-5f * Math.max(1, Math.abs(expected)));
                assertEquals(expected, f16[i], 4e-3f * Math.max(1, Math.abs(expected)));
                assertEquals(expected, bf16[i], 2e-2f * Math.max(1, Math.abs(expected)));
            }
            assertEquals(DType.F16, f.tensor("w.f16").dtype());
            double[] f64 = f.readDoubles("w.f64");
            for (int i = 0; i < 7; i++) {
                assertEquals(i + 0.75, f64[i], 1e-12);
            }
            assertArrayEquals(new long[] {103, 0}, f.readLongs("steps"), "integers take the maximum");
            assertArrayEquals(new long[] {1, 0, 1}, f.readLongs("mask"), "BOOL takes the OR");
            assertEquals(0, f.tensor("empty").elements());
        }
    }

    @Test
    void everyMethodRunsOnFilesAndZeroWeightsLeaveInputsOut() throws IOException {
        float[] base = base(1000);
        List<Path> in = write(5, base);
        StreamingModelMerger merger = new StreamingModelMerger(engine, 333, null);
        for (MergeMethod m : MergeMethod.values()) {
            Path out = dir.resolve(m.label() + ".safetensors");
            merger.merge(in, new double[] {1, 1, 1, 0, 0}, m, new MergeParams(0.34, 0), out);
            try (SafetensorsFile f = SafetensorsFile.open(out)) {
                float[] v = f.readFloats("w.f32");
                for (int i = 0; i < base.length; i++) {
                    // participants 0..2 count: values base, base+1, base+2: every method gives base+1
                    float expected = m == MergeMethod.KRUM ? base[i] + 1 : base[i] + 1;
                    assertEquals(expected, v[i], 1e-4f * Math.max(1, Math.abs(expected)), m + " at " + i);
                }
                // KRUM copies the selected participant (1, the middle of 0..2); the others take the maximum
                assertArrayEquals(m == MergeMethod.KRUM ? new long[] {101, -1} : new long[] {102, 0},
                        f.readLongs("steps"), m.label());
            }
        }
        // KRUM copies the selected model byte for byte: 1, 2 and 3 tie on their 2 nearest (d2 = 1 + 1); 0 and 4
        // score 1 + 4, so one of the middle three, the lowest index unless rounding in F16/BF16 breaks the tie.
        Path out = dir.resolve("krum.safetensors");
        merger.merge(in, null, MergeMethod.KRUM, new MergeParams(0.1, 1), out);
        byte[] got = Files.readAllBytes(out);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(in.get(1)), got)
                || java.util.Arrays.equals(Files.readAllBytes(in.get(2)), got)
                || java.util.Arrays.equals(Files.readAllBytes(in.get(3)), got));
    }

    @Test
    void krumSkipsAnOutlier() {
        double[][] d2 = {{0, 1, 1, 100}, {1, 0, 2, 100}, {1, 2, 0, 100}, {100, 100, 100, 0}};
        assertEquals(0, StreamingModelMerger.krumSelect(d2, 1));
        assertEquals(0, StreamingModelMerger.krumSelect(d2, 2));
    }

    @Test
    void layoutMismatchNamesTheTensorAndTheInput() throws IOException {
        float[] base = base(100);
        List<Path> in = write(3, base);
        LinkedHashMap<String, Tensor> odd = model(2, new Random(1), base);
        odd.put("w.f16", Tensor.ofFloats(new long[] {100}, new float[100]));
        Files.write(in.get(2), Safetensors.toBytes(odd));
        StreamingModelMerger merger = new StreamingModelMerger(engine, 4096, null);
        Path out = dir.resolve("o.safetensors");
        SwarmException e = assertThrows(SwarmException.class, () -> merger.merge(in, null, MergeMethod.MEAN, null,
                out));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("input 2") && e.getMessage().contains("'w.f16'")
                && e.getMessage().contains("F32 [100]") && e.getMessage().contains("F16 [100]"), e.getMessage());
        odd.remove("w.f16");
        Files.write(in.get(2), Safetensors.toBytes(odd));
        e = assertThrows(SwarmException.class, () -> merger.merge(in, null, MergeMethod.MEAN, null, out));
        assertTrue(e.getMessage().contains("input 2") && e.getMessage().contains("lacks tensor 'w.f16'"),
                e.getMessage());
        Files.write(in.get(2), new byte[] {1, 2, 3});
        e = assertThrows(SwarmException.class, () -> merger.merge(in, null, MergeMethod.MEAN, null, out));
        assertTrue(e.getMessage().contains("input 2"), e.getMessage());
        e = assertThrows(SwarmException.class, () -> merger.merge(in.subList(0, 2), new double[] {1}, MergeMethod.MEAN,
                null, out));
        assertTrue(e.getMessage().contains("2 models but 1 weights"), e.getMessage());
        e = assertThrows(SwarmException.class, () -> merger.merge(in.subList(0, 2), new double[] {0, 0},
                MergeMethod.MEAN, null, out));
        assertTrue(e.getMessage().contains("every weight is 0"), e.getMessage());
        assertTrue(Files.notExists(out), "no output on failure");
        assertTrue(Files.notExists(dir.resolve("o.safetensors.part")));
    }

    /** Merges 3 x 48 MB in a child JVM with a 64 MB heap: only possible chunk by chunk. */
    @Test
    void mergesModelsLargerThanTheHeapInAChildJvm() throws Exception {
        int p = 12 << 20;
        List<String> args = new ArrayList<>();
        Path out = dir.resolve("big-out.safetensors");
        args.add(out.toString());
        float[] chunk = new float[1 << 20];
        for (int k = 0; k < 3; k++) {
            Path path = dir.resolve("big" + k + ".safetensors");
            try (SafetensorsWriter w = SafetensorsWriter.create(path,
                    List.of(new TensorSpec("t", DType.F32, new long[] {p})), Map.of())) {
                java.util.Arrays.fill(chunk, k);
                for (int s = 0; s < p; s += chunk.length) {
                    w.writeFloats("t", s, chunk, 0, chunk.length);
                }
            }
            args.add(path.toString());
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName()));
        cmd.addAll(args);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(proc.getInputStream().readAllBytes());
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), log);
        assertTrue(log.contains("MERGED"), log);
        try (SafetensorsFile f = SafetensorsFile.open(out)) {
            float[] part = new float[16];
            f.readFloats("t", p - 16, part, 0, 16);
            for (float v : part) {
                assertEquals(1f, v);
            }
        }
        assertEquals(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(1f)), 1f);
    }
}
