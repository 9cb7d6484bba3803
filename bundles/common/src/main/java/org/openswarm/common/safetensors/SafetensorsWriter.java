package org.openswarm.common.safetensors;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a safetensors file tensor by tensor. {@link #create} lays the tensors out contiguously in the given order and
 * writes the header; the data is then written by positional writes, tensors in any order and each in one call or in
 * element ranges, from any number of threads (distinct ranges). {@link #close()} checks that every byte of every
 * tensor was written exactly once and fails otherwise.
 */
public final class SafetensorsWriter implements Closeable {
    private static final int CHUNK = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN));

    private final Path path;
    private final FileChannel channel;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, AtomicLong> written = new LinkedHashMap<>();
    private boolean closed;

    private SafetensorsWriter(Path path, FileChannel channel, List<TensorInfo> tensors) {
        this.path = path;
        this.channel = channel;
        this.tensors = new LinkedHashMap<>();
        for (TensorInfo t : tensors) {
            this.tensors.put(t.name(), t);
            written.put(t.name(), new AtomicLong());
        }
    }

    /** Creates (or truncates) the file and writes its header. */
    public static SafetensorsWriter create(Path path, List<TensorSpec> layout, Map<String, String> metadata)
            throws IOException {
        Header.Encoded h = Header.encode(layout, metadata);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer head = ByteBuffer.allocate(8 + h.json().length);
            head.put(Header.lengthPrefix(h.json().length)).put(h.json()).flip();
            writeFully(ch, head, 0);
            return new SafetensorsWriter(path, ch, new ArrayList<>(h.tensors()));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The tensors with their computed positions, in layout order. */
    public List<TensorInfo> tensors() {
        return List.copyOf(tensors.values());
    }

    /** Writes a whole float tensor, narrowed to its float dtype (F16/BF16 round to nearest even). */
    public void writeFloats(String name, float[] values) throws IOException {
        whole(name, values.length);
        writeFloats(name, 0, values, 0, values.length);
    }

    /** Writes elements {@code [start, start+count)} of a float tensor from {@code src[off..]}. */
    public void writeFloats(String name, long start, float[] src, int off, int count) throws IOException {
        TensorInfo t = range(name, start, count);
        writeChunked(t, start, count, (buf, done, n) -> Codec.encodeFloats(t.dtype(), src, off + done, n, buf));
    }

    /** Writes a whole float tensor from doubles (exact for F64). */
    public void writeDoubles(String name, double[] values) throws IOException {
        whole(name, values.length);
        writeDoubles(name, 0, values, 0, values.length);
    }

    /** Writes elements {@code [start, start+count)} of a float tensor from {@code src[off..]}. */
    public void writeDoubles(String name, long start, double[] src, int off, int count) throws IOException {
        TensorInfo t = range(name, start, count);
        writeChunked(t, start, count, (buf, done, n) -> Codec.encodeDoubles(t.dtype(), src, off + done, n, buf));
    }

    /** Writes a whole integer or BOOL tensor (values must fit the dtype). */
    public void writeLongs(String name, long[] values) throws IOException {
        whole(name, values.length);
        writeLongs(name, 0, values, 0, values.length);
    }

    /** Writes elements {@code [start, start+count)} of an integer or BOOL tensor from {@code src[off..]}. */
    public void writeLongs(String name, long start, long[] src, int off, int count) throws IOException {
        TensorInfo t = range(name, start, count);
        writeChunked(t, start, count, (buf, done, n) -> Codec.encodeLongs(t.dtype(), src, off + done, n, buf));
    }

    /** Encodes one chunk of {@code n} elements, the {@code done}-th onwards, into {@code buf}. */
    private interface ChunkEncoder {
        void encode(ByteBuffer buf, int done, int n);
    }

    /** Writes elements {@code [start, start+count)} chunk by chunk through one reused buffer. */
    private void writeChunked(TensorInfo t, long start, int count, ChunkEncoder encoder) throws IOException {
        int per = CHUNK / t.dtype().size();
        ByteBuffer buf = BUFFERS.get();
        for (int done = 0; done < count; ) {
            int n = Math.min(per, count - done);
            buf.clear();
            encoder.encode(buf, done, n);
            flush(buf, t, start + done, n);
            done += n;
        }
    }

    /** Writes a whole tensor's raw little-endian bytes: {@code src.remaining()} must equal its byte length. */
    public void writeRaw(String name, ByteBuffer src) throws IOException {
        TensorInfo t = tensor(name);
        if (src.remaining() != t.byteLength()) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + t.byteLength() + " bytes, got "
                    + src.remaining());
        }
        writeRaw(name, 0, src);
    }

    /** Writes raw little-endian bytes at byte offset {@code byteOffset} within the tensor's data. */
    public void writeRaw(String name, long byteOffset, ByteBuffer src) throws IOException {
        TensorInfo t = tensor(name);
        int n = src.remaining();
        if (byteOffset < 0 || byteOffset + n > t.byteLength()) {
            throw new IndexOutOfBoundsException("bytes [" + byteOffset + ", " + (byteOffset + n) + ") of tensor '"
                    + name + "' with " + t.byteLength() + " bytes");
        }
        writeFully(channel, src, t.dataOffset() + byteOffset);
        written.get(name).addAndGet(n);
    }

    private void whole(String name, int count) {
        TensorInfo t = tensor(name);
        if (t.elements() != count) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + t.elements() + " elements, got "
                    + count + " values");
        }
    }

    private TensorInfo tensor(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in the layout of " + path);
        }
        return t;
    }

    private TensorInfo range(String name, long start, int count) {
        TensorInfo t = tensor(name);
        if (start < 0 || count < 0 || start + count > t.elements()) {
            throw new IndexOutOfBoundsException("elements [" + start + ", " + (start + count) + ") of tensor '"
                    + name + "' with " + t.elements() + " elements");
        }
        return t;
    }

    private void flush(ByteBuffer buf, TensorInfo t, long element, int n) throws IOException {
        buf.flip();
        writeFully(channel, buf, t.dataOffset() + element * t.dtype().size());
        written.get(t.name()).addAndGet((long) n * t.dtype().size());
    }

    private static void writeFully(FileChannel ch, ByteBuffer src, long position) throws IOException {
        long pos = position;
        while (src.hasRemaining()) {
            pos += ch.write(src, pos);
        }
    }

    /**
     * Closes the file.
     *
     * @throws IllegalStateException when a tensor was not written completely (or was written more than once)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (TensorInfo t : tensors.values()) {
                long w = written.get(t.name()).get();
                if (w != t.byteLength()) {
                    throw new IllegalStateException(path + ": tensor '" + t.name() + "' got " + w + " of its "
                            + t.byteLength() + " bytes");
                }
            }
        } finally {
            channel.close();
        }
    }
}
