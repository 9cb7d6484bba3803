package org.openswarm.common.safetensors;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory tensor: dtype, shape and little-endian data. Meant for small models, tests and the Java client; large
 * files are read tensor by tensor with {@link SafetensorsFile}. Instances are immutable (arrays are copied).
 */
public final class Tensor {
    private final DType dtype;
    private final long[] shape;
    private final byte[] data;

    private Tensor(DType dtype, long[] shape, byte[] data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long n = Shapes.elements("tensor", this.shape);
        if ((long) data.length != n * dtype.size()) {
            throw new IllegalArgumentException(dtype + " " + Arrays.toString(shape) + " needs " + n * dtype.size()
                    + " bytes, got " + data.length);
        }
        this.data = data;
    }

    /** An F32 tensor. */
    public static Tensor ofFloats(long[] shape, float[] values) {
        return ofFloats(DType.F32, shape, values);
    }

    /** A float tensor of the given float dtype, narrowing the values (F16/BF16 round to nearest even). */
    public static Tensor ofFloats(DType dtype, long[] shape, float[] values) {
        checkCount(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.size());
        Codec.encodeFloats(dtype, values, 0, values.length, b);
        return new Tensor(dtype, shape, b.array());
    }

    /** A float tensor of the given float dtype (F64 keeps the doubles exactly). */
    public static Tensor ofDoubles(DType dtype, long[] shape, double[] values) {
        checkCount(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.size());
        Codec.encodeDoubles(dtype, values, 0, values.length, b);
        return new Tensor(dtype, shape, b.array());
    }

    /** An integer or BOOL tensor; values must fit the dtype. */
    public static Tensor ofLongs(DType dtype, long[] shape, long[] values) {
        checkCount(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.size());
        Codec.encodeLongs(dtype, values, 0, values.length, b);
        return new Tensor(dtype, shape, b.array());
    }

    /** A tensor of raw little-endian data (copied). */
    public static Tensor of(DType dtype, long[] shape, byte[] littleEndianData) {
        return new Tensor(dtype, shape, littleEndianData.clone());
    }

    static Tensor wrap(DType dtype, long[] shape, byte[] littleEndianData) {
        return new Tensor(dtype, shape, littleEndianData);
    }

    private static void checkCount(long[] shape, int count) {
        long n = Shapes.elements("tensor", shape);
        if (n != count) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, got "
                    + count + " values");
        }
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long elements() {
        return data.length / dtype.size();
    }

    /** A copy of the little-endian data. */
    public byte[] data() {
        return data.clone();
    }

    int byteLength() {
        return data.length;
    }

    byte[] rawData() {
        return data;
    }

    /** The values as float32: F16/BF16/F32 widened exactly, F64 narrowed, integers converted. */
    public float[] toFloats() {
        float[] out = new float[(int) elements()];
        Codec.decodeFloats(dtype, ByteBuffer.wrap(data), out, 0, out.length);
        return out;
    }

    /** The values as float64 (exact for every float dtype and for integers up to 2^53). */
    public double[] toDoubles() {
        double[] out = new double[(int) elements()];
        Codec.decodeDoubles(dtype, ByteBuffer.wrap(data), out, 0, out.length);
        return out;
    }

    /**
     * The values of an integer or BOOL tensor as longs (U8 unsigned, BOOL 0/1).
     *
     * @throws IllegalArgumentException for float dtypes
     */
    public long[] toLongs() {
        long[] out = new long[(int) elements()];
        Codec.decodeLongs(dtype, ByteBuffer.wrap(data), out, 0, out.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + Arrays.toString(shape) + "]";
    }
}
