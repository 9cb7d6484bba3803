package org.openswarm.common.safetensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-model safetensors encoding in memory. Writing keeps the map's iteration order for the data layout; reading
 * returns the tensors in the header's order. For models that should not be held whole, use {@link SafetensorsFile}
 * and {@link SafetensorsWriter}.
 */
public final class Safetensors {
    private Safetensors() {
    }

    /** Writes the tensors (in the map's order) and the metadata (may be null or empty). */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<TensorSpec> specs = new ArrayList<>(tensors.size());
        tensors.forEach((name, t) -> specs.add(new TensorSpec(name, t.dtype(), t.shape())));
        Header.Encoded h = Header.encode(specs, metadata);
        out.write(Header.lengthPrefix(h.json().length));
        out.write(h.json());
        for (Tensor t : tensors.values()) {
            out.write(t.rawData());
        }
    }

    /** The encoded file without metadata. */
    public static byte[] toBytes(Map<String, Tensor> tensors) {
        return toBytes(tensors, Map.of());
    }

    /** The encoded file. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a whole file from a stream (read to its end). */
    public static LinkedHashMap<String, Tensor> read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /**
     * Decodes a whole file.
     *
     * @throws IllegalArgumentException when the bytes are not valid safetensors (the message says why)
     */
    public static LinkedHashMap<String, Tensor> read(byte[] file) {
        Header h = header(file);
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (TensorInfo t : h.tensors) {
            byte[] data = new byte[(int) t.byteLength()];
            System.arraycopy(file, (int) t.dataOffset(), data, 0, data.length);
            out.put(t.name(), Tensor.wrap(t.dtype(), t.shape(), data));
        }
        return out;
    }

    /** The {@code __metadata__} of an encoded file (empty when it has none). */
    public static Map<String, String> metadata(byte[] file) {
        return header(file).metadata;
    }

    /** The tensor layout of an encoded file, in header order. */
    public static List<TensorInfo> tensors(byte[] file) {
        return header(file).tensors;
    }

    private static Header header(byte[] file) {
        int n = Header.headerLength(file, file.length);
        return Header.parse(file, 8, n, file.length - 8L - n);
    }
}
