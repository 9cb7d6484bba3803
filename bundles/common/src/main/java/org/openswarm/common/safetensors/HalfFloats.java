package org.openswarm.common.safetensors;

/**
 * IEEE 754 binary16 (F16) and bfloat16 (BF16) conversions. Widening is exact; narrowing rounds to nearest, ties to
 * even, overflows to infinity, keeps subnormals, and keeps NaN a (quiet) NaN with the sign and the top payload bits.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** binary16 bits to float (exact). */
    public static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** float to binary16 bits, round to nearest even. */
    public static short floatToHalf(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int a = x & 0x7fffffff;
        if (a >= 0x7f800000) {
            if (a == 0x7f800000) {
                return (short) (sign | 0x7c00);
            }
            return (short) (sign | 0x7e00 | ((a & 0x7fffff) >>> 13));
        }
        if (a >= 0x477ff000) { // 65520 and above round to infinity
            return (short) (sign | 0x7c00);
        }
        if (a < 0x38800000) { // below the smallest normal half, 2^-14: subnormal or zero
            int h = (int) Math.rint(Float.intBitsToFloat(a) * 0x1p24);
            return (short) (sign | h);
        }
        int h = (((a >>> 23) - 112) << 10) | ((a & 0x7fffff) >>> 13);
        int rem = a & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (h & 1) != 0)) {
            h++;
        }
        return (short) (sign | h);
    }

    /** bfloat16 bits to float (exact). */
    public static float bf16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }

    /** float to bfloat16 bits, round to nearest even; NaN stays a quiet NaN. */
    public static short floatToBf16(float f) {
        int x = Float.floatToRawIntBits(f);
        if ((x & 0x7fffffff) > 0x7f800000) {
            return (short) ((x >>> 16) | 0x40);
        }
        return (short) ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16);
    }
}
