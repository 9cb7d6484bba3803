package org.openswarm.common.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openswarm.common.json.Json;

/** The JSON header: parsing with validation, and encoding with computed offsets. */
final class Header {
    /** Larger headers are refused (the reference implementation's own limit). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA = "__metadata__";

    final List<TensorInfo> tensors;
    final Map<String, TensorInfo> byName;
    final Map<String, String> metadata;
    /** Absolute position of the data section. */
    final long dataStart;

    private Header(List<TensorInfo> tensors, Map<String, String> metadata, long dataStart) {
        this.tensors = Collections.unmodifiableList(tensors);
        Map<String, TensorInfo> m = new LinkedHashMap<>();
        for (TensorInfo t : tensors) {
            m.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.dataStart = dataStart;
    }

    /**
     * Checks the 8-byte prefix and returns the header length.
     *
     * @param fileSize total size of the file or buffer
     */
    static int headerLength(byte[] prefix, long fileSize) {
        if (fileSize < 8) {
            throw new IllegalArgumentException("not a safetensors file: " + fileSize + " bytes, shorter than the "
                    + "8-byte header length");
        }
        long n = ByteBuffer.wrap(prefix, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors header length " + Long.toUnsignedString(n)
                    + " refused: more than " + MAX_HEADER_BYTES + " bytes");
        }
        if (n > fileSize - 8) {
            throw new IllegalArgumentException("safetensors header length " + n + " is beyond the file size "
                    + fileSize);
        }
        if (n < 2) {
            throw new IllegalArgumentException("safetensors header length " + n + " is too short for a JSON object");
        }
        return (int) n;
    }

    /** Parses and validates the header JSON; {@code dataSize} is the number of bytes after the header. */
    static Header parse(byte[] json, int off, int len, long dataSize) {
        long dataStart = 8L + len;
        String text = new String(json, off, len, StandardCharsets.UTF_8);
        List<TensorInfo> tensors = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try (JsonReader r = Json.gson().newJsonReader(new StringReader(text))) {
            r.setLenient(false);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw bad("the header is not a JSON object");
            }
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (!seen.add(name)) {
                    throw bad("duplicate entry '" + name + "' in the header");
                }
                if (METADATA.equals(name)) {
                    readMetadata(r, metadata);
                } else {
                    tensors.add(readTensor(r, name, dataStart));
                }
            }
            r.endObject();
            // After the object only the padding (spaces) may follow.
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw bad("trailing content after the header object");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw bad("malformed header JSON: " + e.getMessage());
        }
        validateOffsets(tensors, dataStart, dataSize);
        return new Header(tensors, metadata, dataStart);
    }

    private static void readMetadata(JsonReader r, Map<String, String> metadata) throws IOException {
        if (r.peek() == JsonToken.NULL) {
            r.nextNull();
            return;
        }
        r.beginObject();
        while (r.hasNext()) {
            String k = r.nextName();
            if (r.peek() != JsonToken.STRING) {
                throw bad("__metadata__ value of '" + k + "' is not a string");
            }
            metadata.put(k, r.nextString());
        }
        r.endObject();
    }

    private static TensorInfo readTensor(JsonReader r, String name, long dataStart) throws IOException {
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
            throw bad("entry '" + name + "' is not an object");
        }
        DType dtype = null;
        long[] shape = null;
        long[] offsets = null;
        r.beginObject();
        while (r.hasNext()) {
            String key = r.nextName();
            switch (key) {
                case "dtype" -> {
                    try {
                        dtype = DType.parse(r.nextString());
                    } catch (IllegalArgumentException e) {
                        throw bad("tensor '" + name + "': " + e.getMessage());
                    }
                }
                case "shape" -> shape = readLongs(r, name, "shape");
                case "data_offsets" -> offsets = readLongs(r, name, "data_offsets");
                default -> r.skipValue();
            }
        }
        r.endObject();
        if (dtype == null || shape == null || offsets == null) {
            throw bad("tensor '" + name + "' lacks " + (dtype == null ? "dtype" : shape == null ? "shape"
                    : "data_offsets"));
        }
        if (offsets.length != 2) {
            throw bad("tensor '" + name + "': data_offsets must be [begin, end], got " + offsets.length + " values");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin) {
            throw bad("tensor '" + name + "': invalid data_offsets [" + begin + ", " + end + "]");
        }
        long elements = Shapes.elements(name, shape);
        long expected;
        try {
            expected = Math.multiplyExact(elements, dtype.size());
        } catch (ArithmeticException e) {
            throw bad("tensor '" + name + "': byte length overflows");
        }
        if (end - begin != expected) {
            throw bad("tensor '" + name + "': data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes but " + dtype + " " + java.util.Arrays.toString(shape) + " needs " + expected);
        }
        return new TensorInfo(name, dtype, shape, dataStart + begin, end - begin);
    }

    private static long[] readLongs(JsonReader r, String name, String what) throws IOException {
        List<Long> v = new ArrayList<>();
        if (r.peek() != JsonToken.BEGIN_ARRAY) {
            throw bad("tensor '" + name + "': " + what + " is not an array");
        }
        r.beginArray();
        while (r.hasNext()) {
            if (r.peek() != JsonToken.NUMBER) {
                throw bad("tensor '" + name + "': " + what + " holds a non-number");
            }
            String s = r.nextString();
            try {
                v.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw bad("tensor '" + name + "': " + what + " value " + s + " is not an integer");
            }
        }
        r.endArray();
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private static void validateOffsets(List<TensorInfo> tensors, long dataStart, long dataSize) {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::dataOffset).thenComparingLong(TensorInfo::byteLength));
        long previousEnd = dataStart;
        String previous = null;
        for (TensorInfo t : sorted) {
            long end = t.dataOffset() + t.byteLength();
            if (end - dataStart > dataSize) {
                throw bad("tensor '" + t.name() + "': data_offsets end " + (end - dataStart)
                        + " is beyond the data section of " + dataSize + " bytes");
            }
            if (t.byteLength() > 0 && t.dataOffset() < previousEnd) {
                throw bad("tensor '" + t.name() + "' overlaps tensor '" + previous + "'");
            }
            if (t.byteLength() > 0) {
                previousEnd = end;
                previous = t.name();
            }
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("invalid safetensors header: " + message);
    }

    /** The encoded, space-padded header (without the 8-byte length) and the tensors' absolute positions. */
    record Encoded(byte[] json, List<TensorInfo> tensors, long dataSize) {
        long dataStart() {
            return 8L + json.length;
        }
    }

    /** Lays the tensors out contiguously in list order and encodes the header. */
    static Encoded encode(List<TensorSpec> specs, Map<String, String> metadata) {
        JsonObject root = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach((k, v) -> meta.addProperty(k, v));
            root.add(METADATA, meta);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        List<long[]> ranges = new ArrayList<>();
        for (TensorSpec s : specs) {
            if (METADATA.equals(s.name())) {
                throw new IllegalArgumentException("'" + METADATA + "' is reserved and cannot name a tensor");
            }
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + s.name() + "'");
            }
            long len = s.byteLength();
            JsonObject t = new JsonObject();
            t.addProperty("dtype", s.dtype().name());
            JsonArray shape = new JsonArray();
            for (long d : s.shape()) {
                shape.add(new JsonPrimitive(d));
            }
            t.add("shape", shape);
            JsonArray offs = new JsonArray();
            offs.add(new JsonPrimitive(offset));
            offs.add(new JsonPrimitive(offset + len));
            t.add("data_offsets", offs);
            root.add(s.name(), t);
            ranges.add(new long[] {offset, len});
            offset += len;
        }
        byte[] raw = Json.gson().toJson(root).getBytes(StandardCharsets.UTF_8);
        int padded = (raw.length + 7) & ~7;
        byte[] json = new byte[padded];
        System.arraycopy(raw, 0, json, 0, raw.length);
        for (int i = raw.length; i < padded; i++) {
            json[i] = ' ';
        }
        List<TensorInfo> infos = new ArrayList<>(specs.size());
        long dataStart = 8L + padded;
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec s = specs.get(i);
            infos.add(new TensorInfo(s.name(), s.dtype(), s.shape(), dataStart + ranges.get(i)[0], ranges.get(i)[1]));
        }
        return new Encoded(json, infos, offset);
    }

    static byte[] lengthPrefix(int headerLength) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array();
    }
}
