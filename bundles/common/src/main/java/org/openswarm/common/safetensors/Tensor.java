package org.openswarm.common.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named array of a safetensors file: a dtype, a shape and its little-endian bytes. Immutable: the arrays handed
 * in and out are copies, so a model that keeps training cannot change a tensor already handed to a sync.
 */
public final class Tensor {
    private final DType dtype;
    private final long[] shape;
    private final byte[] data;

    private Tensor(DType dtype, long[] shape, byte[] data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /** A tensor of the given dtype from its little-endian bytes; the byte count must match the shape. */
    public static Tensor of(DType dtype, long[] shape, byte[] littleEndianData) {
        if (dtype == null || shape == null || littleEndianData == null) {
            throw new IllegalArgumentException("dtype, shape and data are required");
        }
        long count = elementCount(shape);
        if (count * dtype.size() != littleEndianData.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + count * dtype.size() + " bytes, got " + littleEndianData.length);
        }
        return new Tensor(dtype, shape.clone(), littleEndianData.clone());
    }

    /** An F32 tensor from float values in row-major order. */
    public static Tensor ofFloats(long[] shape, float[] values) {
        if (elementCount(shape) != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + elementCount(shape)
                    + " values, got " + values.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new Tensor(DType.F32, shape.clone(), buffer.array());
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The little-endian bytes (a copy). */
    public byte[] data() {
        return data.clone();
    }

    /** The values as floats; F64 is narrowed, integer types converted. */
    public float[] toFloats() {
        double[] doubles = toDoubles();
        float[] floats = new float[doubles.length];
        for (int i = 0; i < doubles.length; i++) {
            floats[i] = (float) doubles[i];
        }
        return floats;
    }

    /** The values as doubles. */
    public double[] toDoubles() {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = data.length / dtype.size();
        double[] values = new double[n];
        switch (dtype) {
            case F64 -> buffer.asDoubleBuffer().get(values);
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    values[i] = buffer.getFloat(i * 4);
                }
            }
            default -> {
                long[] longs = toLongs();
                for (int i = 0; i < n; i++) {
                    values[i] = longs[i];
                }
            }
        }
        return values;
    }

    /** The values of an integer or BOOL tensor as longs (U8 unsigned). */
    public long[] toLongs() {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = data.length / dtype.size();
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (dtype) {
                case I64 -> buffer.getLong(i * 8);
                case I32 -> buffer.getInt(i * 4);
                case I16 -> buffer.getShort(i * 2);
                case I8 -> buffer.get(i);
                case U8, BOOL -> buffer.get(i) & 0xFF;
                default -> throw new IllegalStateException(dtype + " is not an integer type");
            };
        }
        return values;
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            count *= dim;
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
