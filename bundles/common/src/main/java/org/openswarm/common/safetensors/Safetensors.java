package org.openswarm.common.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openswarm.common.json.Json;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range (padded with spaces to a multiple of 8), then the data. Tensors keep their order.
 */
public final class Safetensors {
    private static final String METADATA = "__metadata__";
    /** A header larger than this is not a model header but a corrupt length. */
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() {
    }

    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add(METADATA, meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Tensor tensor = entry.getValue();
            JsonObject info = new JsonObject();
            info.addProperty("dtype", tensor.dtype().name());
            JsonArray shape = new JsonArray();
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            info.add("shape", shape);
            long end = offset + tensor.data().length;
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            info.add("data_offsets", offsets);
            header.add(entry.getKey(), info);
            offset = end;
        }
        byte[] json = Json.gson().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            headerBytes[i] = ' ';
        }
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(headerBytes);
        for (Tensor tensor : tensors.values()) {
            out.write(tensor.data());
        }
        out.flush();
    }

    public static byte[] toBytes(Map<String, Tensor> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static LinkedHashMap<String, Tensor> read(byte[] bytes) {
        try {
            return read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a safetensors file: " + e.getMessage(), e);
        }
    }

    public static LinkedHashMap<String, Tensor> read(InputStream in) throws IOException {
        long headerLength = ByteBuffer.wrap(readFully(in, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER) {
            throw new IOException("safetensors header length " + headerLength + " is out of range");
        }
        String json = new String(readFully(in, (int) headerLength), StandardCharsets.UTF_8);
        JsonObject header;
        try {
            header = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("safetensors header is not a JSON object", e);
        }
        byte[] data = in.readAllBytes();
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (METADATA.equals(entry.getKey())) {
                continue;
            }
            try {
                JsonObject info = entry.getValue().getAsJsonObject();
                DType dtype = DType.valueOf(info.get("dtype").getAsString());
                JsonArray shapeJson = info.getAsJsonArray("shape");
                long[] shape = new long[shapeJson.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeJson.get(i).getAsLong();
                }
                JsonArray offsets = info.getAsJsonArray("data_offsets");
                long begin = offsets.get(0).getAsLong();
                long end = offsets.get(1).getAsLong();
                if (begin < 0 || end < begin || end > data.length) {
                    throw new IOException("data_offsets of " + entry.getKey() + " lie outside the data");
                }
                byte[] slice = new byte[(int) (end - begin)];
                System.arraycopy(data, (int) begin, slice, 0, slice.length);
                tensors.put(entry.getKey(), Tensor.of(dtype, shape, slice));
            } catch (RuntimeException e) {
                throw new IOException("bad safetensors entry " + entry.getKey() + ": " + e.getMessage(), e);
            }
        }
        return tensors;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("safetensors file ends early");
        }
        return bytes;
    }
}
