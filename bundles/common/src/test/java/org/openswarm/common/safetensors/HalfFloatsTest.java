package org.openswarm.common.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {
    private static void f16(float f, int bits) {
        assertEquals(bits, HalfFloats.floatToHalf(f) & 0xffff, () -> "f16 of " + f);
    }

    private static void bf16(float f, int bits) {
        assertEquals(bits, HalfFloats.floatToBf16(f) & 0xffff, () -> "bf16 of " + f);
    }

    @Test
    void halfKnownPatterns() {
        f16(0f, 0x0000);
        f16(-0f, 0x8000);
        f16(1f, 0x3c00);
        f16(-2f, 0xc000);
        f16(65504f, 0x7bff);
        f16(65519f, 0x7bff);
        f16(65520f, 0x7c00); // tie at the top rounds to even = infinity
        f16(1e6f, 0x7c00);
        f16(Float.POSITIVE_INFINITY, 0x7c00);
        f16(Float.NEGATIVE_INFINITY, 0xfc00);
        f16(0x1p-14f, 0x0400); // smallest normal
        f16(0x1p-24f, 0x0001); // smallest subnormal
        f16(0x3ffp-24f, 0x03ff); // largest subnormal
        f16(0x1p-25f, 0x0000); // tie to even (0)
        f16(0x3p-25f, 0x0002); // tie to even (2)
        f16(0x1.8p-25f, 0x0001);
        f16(1e-10f, 0x0000);
        f16(0.1f, 0x2e66);
        f16(1f / 3f, 0x3555);
        f16(1f + 0x1p-11f, 0x3c00); // tie, even stays
        f16(1f + 0x3p-11f, 0x3c02); // tie, odd rounds up
        f16(2047.5f, 0x6800); // 2047.5 is a tie between 2047 and 2048 at spacing 1: even is 2048
        int nan = HalfFloats.floatToHalf(Float.NaN) & 0xffff;
        assertEquals(0x7c00, nan & 0x7c00);
        assertTrue((nan & 0x3ff) != 0, "NaN stays NaN");
        assertTrue(Float.isNaN(HalfFloats.halfToFloat((short) 0x7e00)));
        assertTrue(Float.isNaN(HalfFloats.halfToFloat((short) 0x7c01)));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.halfToFloat((short) 0xfc00));
        assertEquals(0x1p-24f, HalfFloats.halfToFloat((short) 0x0001));
        assertEquals(-0x3ffp-24f, HalfFloats.halfToFloat((short) 0x83ff));
        assertEquals(65504f, HalfFloats.halfToFloat((short) 0x7bff));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(HalfFloats.halfToFloat((short) 0x8000)));
    }

    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloats.halfToFloat((short) h);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(HalfFloats.halfToFloat(HalfFloats.floatToHalf(f))));
                continue;
            }
            assertEquals(h, HalfFloats.floatToHalf(f) & 0xffff, "half 0x" + Integer.toHexString(h));
        }
    }

    @Test
    void halfRoundingMatchesDoubleReference() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f) || Math.abs(f) >= 65520f) {
                continue;
            }
            // Reference: nearest of the two neighbouring halves, ties to even.
            short h = HalfFloats.floatToHalf(f);
            float got = HalfFloats.halfToFloat(h);
            int mag = h & 0x7fff;
            float below = HalfFloats.halfToFloat((short) ((h & 0x8000) | Math.max(mag - 1, 0)));
            float above = HalfFloats.halfToFloat((short) ((h & 0x8000) | Math.min(mag + 1, 0x7bff)));
            double err = Math.abs((double) got - f);
            assertTrue(err <= Math.abs((double) below - f) && err <= Math.abs((double) above - f),
                    "nearest for " + f);
        }
    }

    @Test
    void bf16KnownPatterns() {
        bf16(1f, 0x3f80);
        bf16(-1f, 0xbf80);
        bf16((float) Math.PI, 0x4049);
        bf16(Float.NEGATIVE_INFINITY, 0xff80);
        bf16(Float.MAX_VALUE, 0x7f80); // rounds up to infinity
        bf16(Float.intBitsToFloat(0x3f808000), 0x3f80); // tie, even stays
        bf16(Float.intBitsToFloat(0x3f818000), 0x3f82); // tie, odd rounds up
        bf16(Float.intBitsToFloat(0x3f808001), 0x3f81);
        bf16(Float.MIN_VALUE, 0x0000); // smallest float subnormal rounds to zero
        bf16(Float.intBitsToFloat(0x00010000), 0x0001); // bf16 subnormal
        bf16(-0f, 0x8000);
        int nan = HalfFloats.floatToBf16(Float.intBitsToFloat(0x7f800001)) & 0xffff;
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat((short) nan)), "signalling NaN with low payload stays NaN");
        bf16(Float.NaN, 0x7fc0);
        assertEquals(1f, HalfFloats.bf16ToFloat((short) 0x3f80));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.bf16ToFloat((short) 0x7f80));
        assertEquals(3.140625f, HalfFloats.bf16ToFloat((short) 0x4049));
    }
}
