package org.openswarm.common.safetensors;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file opened for reading single tensors, without loading the model. The header is parsed and
 * validated on {@link #open}; reads are positional ({@link FileChannel#read(ByteBuffer, long)}), so any number of
 * threads may read one instance at the same time.
 */
public final class SafetensorsFile implements Closeable {
    /** Bytes decoded per positional read. */
    private static final int CHUNK = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN));

    private final Path path;
    private final FileChannel channel;
    private final Header header;

    private SafetensorsFile(Path path, FileChannel channel, Header header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens and validates a file.
     *
     * @throws IllegalArgumentException when the file is not valid safetensors; the message names the file and why
     */
    public static SafetensorsFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            byte[] prefix = new byte[8];
            if (size >= 8) {
                readFully(ch, ByteBuffer.wrap(prefix), 0);
            }
            int n = Header.headerLength(prefix, size);
            byte[] json = new byte[n];
            readFully(ch, ByteBuffer.wrap(json), 8);
            Header h = Header.parse(json, 0, n, size - 8 - n);
            return new SafetensorsFile(path, ch, h);
        } catch (IllegalArgumentException e) {
            ch.close();
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The tensors in header order. */
    public List<TensorInfo> tensors() {
        return header.tensors;
    }

    /**
     * The named tensor.
     *
     * @throws IllegalArgumentException when there is none
     */
    public TensorInfo tensor(String name) {
        TensorInfo t = header.byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException(path + " has no tensor '" + name + "'");
        }
        return t;
    }

    /** True when the file holds a tensor of that name. */
    public boolean contains(String name) {
        return header.byName.containsKey(name);
    }

    /** The {@code __metadata__} map (empty when there is none). */
    public Map<String, String> metadata() {
        return header.metadata;
    }

    /** Absolute position of the data section. */
    public long dataStart() {
        return header.dataStart;
    }

    /** The whole tensor as float32 (F16/BF16 widened exactly, F64 narrowed, integers converted). */
    public float[] readFloats(String name) throws IOException {
        TensorInfo t = tensor(name);
        float[] out = new float[Shapes.arrayLength(t)];
        readFloats(name, 0, out, 0, out.length);
        return out;
    }

    /** Elements {@code [start, start+count)} of the tensor as float32 into {@code dst[off..]}. */
    public void readFloats(String name, long start, float[] dst, int off, int count) throws IOException {
        TensorInfo t = range(name, start, count);
        readChunked(t, start, count, (buf, done, n) -> Codec.decodeFloats(t.dtype(), buf, dst, off + done, n));
    }

    /** The whole tensor as float64 (exact for every float dtype). */
    public double[] readDoubles(String name) throws IOException {
        TensorInfo t = tensor(name);
        double[] out = new double[Shapes.arrayLength(t)];
        readDoubles(name, 0, out, 0, out.length);
        return out;
    }

    /** Elements {@code [start, start+count)} of the tensor as float64 into {@code dst[off..]}. */
    public void readDoubles(String name, long start, double[] dst, int off, int count) throws IOException {
        TensorInfo t = range(name, start, count);
        readChunked(t, start, count, (buf, done, n) -> Codec.decodeDoubles(t.dtype(), buf, dst, off + done, n));
    }

    /**
     * The whole integer or BOOL tensor as longs (U8 unsigned, BOOL 0/1).
     *
     * @throws IllegalArgumentException for a float tensor
     */
    public long[] readLongs(String name) throws IOException {
        TensorInfo t = tensor(name);
        long[] out = new long[Shapes.arrayLength(t)];
        readLongs(name, 0, out, 0, out.length);
        return out;
    }

    /** Elements {@code [start, start+count)} of an integer or BOOL tensor as longs into {@code dst[off..]}. */
    public void readLongs(String name, long start, long[] dst, int off, int count) throws IOException {
        TensorInfo t = range(name, start, count);
        if (t.dtype().isFloat()) {
            throw new IllegalArgumentException("tensor '" + name + "' is " + t.dtype() + ": read it as floats");
        }
        readChunked(t, start, count, (buf, done, n) -> Codec.decodeLongs(t.dtype(), buf, dst, off + done, n));
    }

    /** Decodes one chunk of {@code n} elements, the {@code done}-th onwards, from {@code buf}. */
    private interface ChunkDecoder {
        void decode(ByteBuffer buf, int done, int n);
    }

    /** Reads elements {@code [start, start+count)} chunk by chunk through one reused buffer. */
    private void readChunked(TensorInfo t, long start, int count, ChunkDecoder decoder) throws IOException {
        int per = CHUNK / t.dtype().size();
        ByteBuffer buf = BUFFERS.get();
        for (int done = 0; done < count; ) {
            int n = Math.min(per, count - done);
            fill(buf, t, start + done, n);
            decoder.decode(buf, done, n);
            done += n;
        }
    }

    /**
     * Reads the tensor's raw little-endian bytes into {@code dst} from its position; {@code dst.remaining()} must be
     * at least the tensor's byte length.
     */
    public void readRaw(String name, ByteBuffer dst) throws IOException {
        TensorInfo t = tensor(name);
        if (dst.remaining() < t.byteLength()) {
            throw new IllegalArgumentException("buffer of " + dst.remaining() + " bytes is too small for tensor '"
                    + name + "' (" + t.byteLength() + " bytes)");
        }
        ByteBuffer view = dst.slice();
        view.limit((int) t.byteLength());
        readFully(channel, view, t.dataOffset());
        dst.position(dst.position() + (int) t.byteLength());
    }

    /** Reads raw bytes {@code [position, position+dst.remaining())} of the file (for copying a file's data). */
    public void readAt(long position, ByteBuffer dst) throws IOException {
        readFully(channel, dst, position);
    }

    private TensorInfo range(String name, long start, int count) {
        TensorInfo t = tensor(name);
        if (start < 0 || count < 0 || start + count > t.elements()) {
            throw new IndexOutOfBoundsException("elements [" + start + ", " + (start + count) + ") of tensor '"
                    + name + "' with " + t.elements() + " elements");
        }
        return t;
    }

    private void fill(ByteBuffer buf, TensorInfo t, long element, int n) throws IOException {
        buf.clear();
        buf.limit(n * t.dtype().size());
        readFully(channel, buf, t.dataOffset() + element * t.dtype().size());
        buf.flip();
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int r = ch.read(dst, pos);
            if (r < 0) {
                throw new EOFException("unexpected end of file at " + pos);
            }
            pos += r;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
