package org.openswarm.common.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Element conversions between little-endian buffers and Java arrays. Every method consumes/produces
 * {@code n * dtype.size()} bytes from the buffer's position and advances it.
 */
final class Codec {
    private Codec() {
    }

    static void decodeFloats(DType t, ByteBuffer src, float[] dst, int off, int n) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case F32 -> b.asFloatBuffer().get(dst, off, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = HalfFloats.halfToFloat(b.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = HalfFloats.bf16ToFloat(b.getShort(2 * i));
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) b.getDouble(8 * i);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = integerAt(t, b, i);
                }
            }
        }
        src.position(src.position() + n * t.size());
    }

    static void decodeDoubles(DType t, ByteBuffer src, double[] dst, int off, int n) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case F64 -> b.asDoubleBuffer().get(dst, off, n);
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = b.getFloat(4 * i);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = HalfFloats.halfToFloat(b.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = HalfFloats.bf16ToFloat(b.getShort(2 * i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = integerAt(t, b, i);
                }
            }
        }
        src.position(src.position() + n * t.size());
    }

    static void decodeLongs(DType t, ByteBuffer src, long[] dst, int off, int n) {
        if (t.isFloat()) {
            throw new IllegalArgumentException(t + " is a float dtype: read it as floats or doubles, not longs");
        }
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (t == DType.I64) {
            b.asLongBuffer().get(dst, off, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[off + i] = integerAt(t, b, i);
            }
        }
        src.position(src.position() + n * t.size());
    }

    private static long integerAt(DType t, ByteBuffer b, int i) {
        return switch (t) {
            case I64 -> b.getLong(8 * i);
            case I32 -> b.getInt(4 * i);
            case I16 -> b.getShort(2 * i);
            case I8 -> b.get(i);
            case U8 -> b.get(i) & 0xff;
            case BOOL -> b.get(i) != 0 ? 1 : 0;
            default -> throw new IllegalStateException(t.name());
        };
    }

    static void encodeFloats(DType t, float[] src, int off, int n, ByteBuffer dst) {
        ByteBuffer b = dst.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case F32 -> b.asFloatBuffer().put(src, off, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    b.putShort(2 * i, HalfFloats.floatToHalf(src[off + i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    b.putShort(2 * i, HalfFloats.floatToBf16(src[off + i]));
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    b.putDouble(8 * i, src[off + i]);
                }
            }
            default -> throw new IllegalArgumentException(t + " is an integer dtype: write it as longs, not floats");
        }
        dst.position(dst.position() + n * t.size());
    }

    static void encodeDoubles(DType t, double[] src, int off, int n, ByteBuffer dst) {
        ByteBuffer b = dst.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case F64 -> b.asDoubleBuffer().put(src, off, n);
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    b.putFloat(4 * i, (float) src[off + i]);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    b.putShort(2 * i, HalfFloats.floatToHalf((float) src[off + i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    b.putShort(2 * i, HalfFloats.floatToBf16((float) src[off + i]));
                }
            }
            default -> throw new IllegalArgumentException(t + " is an integer dtype: write it as longs, not doubles");
        }
        dst.position(dst.position() + n * t.size());
    }

    static void encodeLongs(DType t, long[] src, int off, int n, ByteBuffer dst) {
        ByteBuffer b = dst.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (t) {
            case I64 -> b.asLongBuffer().put(src, off, n);
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    b.putInt(4 * i, (int) checked(t, src[off + i], Integer.MIN_VALUE, Integer.MAX_VALUE));
                }
            }
            case I16 -> {
                for (int i = 0; i < n; i++) {
                    b.putShort(2 * i, (short) checked(t, src[off + i], Short.MIN_VALUE, Short.MAX_VALUE));
                }
            }
            case I8 -> {
                for (int i = 0; i < n; i++) {
                    b.put(i, (byte) checked(t, src[off + i], Byte.MIN_VALUE, Byte.MAX_VALUE));
                }
            }
            case U8 -> {
                for (int i = 0; i < n; i++) {
                    b.put(i, (byte) checked(t, src[off + i], 0, 255));
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    b.put(i, (byte) (src[off + i] != 0 ? 1 : 0));
                }
            }
            default -> throw new IllegalArgumentException(t + " is a float dtype: write it as floats or doubles");
        }
        dst.position(dst.position() + n * t.size());
    }

    private static long checked(DType t, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("value " + v + " does not fit " + t + " [" + min + ", " + max + "]");
        }
        return v;
    }
}
