package org.openswarm.common.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A model with one tensor of every dtype, values chosen to be exact in the dtype. */
    static LinkedHashMap<String, Tensor> everyDtype() {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        m.put("f64", Tensor.ofDoubles(DType.F64, new long[] {2, 2}, new double[] {1.5, -1e300, Math.PI, 0}));
        m.put("f32", Tensor.ofFloats(new long[] {3}, new float[] {1.25f, -3e38f, Float.MIN_VALUE}));
        m.put("f16", Tensor.ofFloats(DType.F16, new long[] {4}, new float[] {1f, -2.5f, 65504f, 0x1p-24f}));
        m.put("bf16", Tensor.ofFloats(DType.BF16, new long[] {2}, new float[] {3.140625f, -1e30f}));
        m.put("i64", Tensor.ofLongs(DType.I64, new long[] {2}, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}));
        m.put("i32", Tensor.ofLongs(DType.I32, new long[] {2}, new long[] {Integer.MIN_VALUE, 7}));
        m.put("i16", Tensor.ofLongs(DType.I16, new long[] {2}, new long[] {-32768, 32767}));
        m.put("i8", Tensor.ofLongs(DType.I8, new long[] {3}, new long[] {-128, 0, 127}));
        m.put("u8", Tensor.ofLongs(DType.U8, new long[] {2}, new long[] {0, 255}));
        m.put("bool", Tensor.ofLongs(DType.BOOL, new long[] {3}, new long[] {1, 0, 1}));
        m.put("scalar", Tensor.ofFloats(new long[] {}, new float[] {42f}));
        m.put("empty", Tensor.ofFloats(new long[] {0, 3}, new float[0]));
        return m;
    }

    @Test
    void inMemoryRoundTripOfEveryDtype() throws IOException {
        LinkedHashMap<String, Tensor> model = everyDtype();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, model, Map.of("format", "pt"));
        byte[] bytes = out.toByteArray();
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        LinkedHashMap<String, Tensor> back = Safetensors.read(new ByteArrayInputStream(bytes));
        assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(back.keySet()), "order kept");
        assertEquals(model, back);
        assertEquals(Map.of("format", "pt"), Safetensors.metadata(bytes));
        assertArrayEquals(new double[] {1.5, -1e300, Math.PI, 0}, back.get("f64").toDoubles());
        assertArrayEquals(new float[] {1f, -2.5f, 65504f, 0x1p-24f}, back.get("f16").toFloats());
        assertArrayEquals(new float[] {3.140625f, (float) HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(-1e30f))},
                back.get("bf16").toFloats());
        assertArrayEquals(new long[] {0, 255}, back.get("u8").toLongs());
        assertArrayEquals(new long[] {1, 0, 1}, back.get("bool").toLongs());
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, back.get("i64").toLongs());
        assertArrayEquals(new float[] {42f}, back.get("scalar").toFloats());
        assertEquals(0, back.get("empty").elements());
        assertThrows(IllegalArgumentException.class, () -> back.get("f32").toLongs());
    }

    @Test
    void fileRoundTripOfEveryDtypeWithStreamingWriter() throws IOException {
        LinkedHashMap<String, Tensor> model = everyDtype();
        List<TensorSpec> layout = new ArrayList<>();
        model.forEach((k, t) -> layout.add(new TensorSpec(k, t.dtype(), t.shape())));
        Path p = dir.resolve("m.safetensors");
        List<String> reversed = new ArrayList<>(model.keySet());
        java.util.Collections.reverse(reversed);
        try (SafetensorsWriter w = SafetensorsWriter.create(p, layout, Map.of("k", "v"))) {
            for (String k : reversed) { // any order
                Tensor t = model.get(k);
                switch (t.dtype()) {
                    case F64 -> w.writeDoubles(k, t.toDoubles());
                    case F32, F16, BF16 -> w.writeFloats(k, t.toFloats());
                    default -> w.writeLongs(k, t.toLongs());
                }
            }
        }
        byte[] bytes = Files.readAllBytes(p);
        assertArrayEquals(Safetensors.toBytes(model, Map.of("k", "v")), bytes, "same bytes as the in-memory writer");
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertEquals(Map.of("k", "v"), f.metadata());
            assertEquals(new ArrayList<>(model.keySet()), f.tensors().stream().map(TensorInfo::name).toList());
            for (TensorInfo t : f.tensors()) {
                Tensor expected = model.get(t.name());
                assertEquals(expected.dtype(), t.dtype());
                assertArrayEquals(expected.shape(), t.shape());
                ByteBuffer raw = ByteBuffer.allocate((int) t.byteLength());
                f.readRaw(t.name(), raw);
                assertArrayEquals(expected.data(), raw.array());
                if (t.dtype().isFloat()) {
                    assertArrayEquals(expected.toDoubles(), f.readDoubles(t.name()));
                    assertArrayEquals(expected.toFloats(), f.readFloats(t.name()));
                } else {
                    assertArrayEquals(expected.toLongs(), f.readLongs(t.name()));
                }
            }
            assertThrows(IllegalArgumentException.class, () -> f.tensor("nope"));
            assertThrows(IllegalArgumentException.class, () -> f.readLongs("f32"));
        }
    }

    @Test
    void largeTensorReadInChunksByManyThreads() throws Exception {
        int n = 3_000_001; // > one 1 MiB read chunk, not a multiple of anything
        float[] v = new float[n];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        Path p = dir.resolve("big.safetensors");
        try (SafetensorsWriter w = SafetensorsWriter.create(p, List.of(new TensorSpec("a", DType.F32,
                new long[] {n}), new TensorSpec("h", DType.BF16, new long[] {n})), Map.of())) {
            w.writeFloats("a", 0, v, 0, 1_000_000);
            w.writeFloats("a", 1_000_000, v, 1_000_000, n - 1_000_000);
            w.writeFloats("h", v);
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> f.readFloats("a")));
            }
            for (Future<float[]> fu : results) {
                assertArrayEquals(v, fu.get());
            }
            pool.shutdown();
            float[] h = f.readFloats("h");
            for (int i = 0; i < n; i += 997) {
                assertEquals(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(v[i])), h[i]);
            }
            float[] part = new float[10];
            f.readFloats("a", n - 10, part, 0, 10);
            assertArrayEquals(java.util.Arrays.copyOfRange(v, n - 10, n), part);
        }
    }

    /** A file laid out as Python's safetensors writes it: compact JSON, metadata first, sorted, padded. */
    @Test
    void readsAFileBuiltByThePythonFormatRules() throws IOException {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"c\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[16,20]}}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + 20).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        b.putLong(-5).putFloat(1.5f).putFloat(-2f).putShort((short) 0x3c00).putShort((short) 0xc000);
        byte[] file = b.array();
        LinkedHashMap<String, Tensor> m = Safetensors.read(file);
        assertEquals(List.of("b", "a", "c"), new ArrayList<>(m.keySet()));
        assertArrayEquals(new long[] {-5}, m.get("b").toLongs());
        assertArrayEquals(new float[] {1.5f, -2f}, m.get("a").toFloats());
        assertArrayEquals(new float[] {1f, -2f}, m.get("c").toFloats());
        assertArrayEquals(new long[] {1, 2}, m.get("c").shape());
        assertEquals("pt", Safetensors.metadata(file).get("format"));
        Path p = dir.resolve("py.safetensors");
        Files.write(p, file);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertEquals(8 + padded + 8, f.tensor("a").dataOffset());
            assertEquals(2, f.tensor("a").elements());
            assertArrayEquals(new float[] {1.5f, -2f}, f.readFloats("a"));
            assertArrayEquals(new double[] {1, -2}, f.readDoubles("c"));
        }
    }

    private static byte[] file(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private static String rejected(byte[] file) {
        return assertThrows(IllegalArgumentException.class, () -> Safetensors.read(file)).getMessage();
    }

    @Test
    void malformedInputsAreRejectedWithClearMessages() throws IOException {
        assertTrue(rejected(new byte[3]).contains("shorter than the 8-byte header length"));
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        assertTrue(rejected(huge).contains("beyond the file size"), rejected(huge));
        byte[] tooBig = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(200L << 20).array();
        assertTrue(rejected(tooBig).contains("refused"), rejected(tooBig));
        byte[] negative = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertTrue(rejected(negative).contains("refused"));
        String m = rejected(file("{\"a\":{\"dtype\":\"F8_E5M2\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1));
        assertTrue(m.contains("F8_E5M2") && m.contains("unsupported"), m);
        m = rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 8));
        assertTrue(m.contains("'a'") && m.contains("needs 8"), m);
        m = rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4));
        assertTrue(m.contains("beyond the data section"), m);
        m = rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
        assertTrue(m.contains("overlaps"), m);
        m = rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8));
        assertTrue(m.contains("duplicate entry 'a'"), m);
        m = rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4));
        assertTrue(m.contains("lacks data_offsets"), m);
        m = rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4));
        assertTrue(m.contains("negative dimension"), m);
        m = rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8));
        assertTrue(m.contains("invalid data_offsets"), m);
        m = rejected(file("{\"a\":", 0));
        assertTrue(m.contains("malformed header JSON"), m);
        m = rejected(file("[1,2]   ", 0));
        assertTrue(m.contains("not a JSON object"), m);
        m = rejected(file("{\"__metadata__\":{\"k\":1}}", 0));
        assertTrue(m.contains("not a string"), m);
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, huge);
        m = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(p)).getMessage();
        assertTrue(m.contains(p.toString()) && m.contains("beyond the file size"), m);
        assertThrows(IllegalArgumentException.class, () -> DType.parse("f32"));
    }

    @Test
    void writerRefusesIncompleteAndWrongWrites() throws IOException {
        Path p = dir.resolve("w.safetensors");
        SafetensorsWriter w = SafetensorsWriter.create(p, List.of(new TensorSpec("a", DType.F32, new long[] {2}),
                new TensorSpec("i", DType.I8, new long[] {1})), Map.of());
        w.writeFloats("a", new float[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> w.writeFloats("a", new float[3]));
        assertThrows(IllegalArgumentException.class, () -> w.writeFloats("i", new float[1]));
        assertThrows(IllegalArgumentException.class, () -> w.writeLongs("i", new long[] {200}));
        assertThrows(IllegalArgumentException.class, () -> w.writeFloats("x", new float[1]));
        String m = assertThrows(IllegalStateException.class, w::close).getMessage();
        assertTrue(m.contains("'i'") && m.contains("0 of its 1 bytes"), m);
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.create(p, List.of(
                new TensorSpec("a", DType.F32, new long[] {1}), new TensorSpec("a", DType.F32, new long[] {1})),
                Map.of()));
    }

    @Test
    void narrowingOnWrite() throws IOException {
        Path p = dir.resolve("n.safetensors");
        float[] v = {0.1f, 65520f, Float.NaN, Float.NEGATIVE_INFINITY, 1e-8f};
        try (SafetensorsWriter w = SafetensorsWriter.create(p, List.of(new TensorSpec("h", DType.F16,
                new long[] {5}), new TensorSpec("b", DType.BF16, new long[] {5}), new TensorSpec("d", DType.F64,
                new long[] {5})), null)) {
            w.writeFloats("h", v);
            w.writeFloats("b", v);
            w.writeFloats("d", v);
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            ByteBuffer raw = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            f.readRaw("h", raw);
            assertEquals(0x2e66, raw.getShort(0) & 0xffff);
            assertEquals(0x7c00, raw.getShort(2) & 0xffff);
            assertTrue(Float.isNaN(HalfFloats.halfToFloat(raw.getShort(4))));
            assertEquals(0xfc00, raw.getShort(6) & 0xffff);
            assertEquals(0x0000, raw.getShort(8) & 0xffff);
            double[] d = f.readDoubles("d");
            assertEquals(0.1f, (float) d[0]);
            assertTrue(Double.isNaN(d[2]));
            float[] b = f.readFloats("b");
            assertTrue(Float.isNaN(b[2]));
            assertEquals(65536f, b[1]);
        }
    }
}
