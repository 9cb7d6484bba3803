package org.openswarm.common.safetensors;

/** Element counts with overflow and sign checks. */
final class Shapes {
    private Shapes() {
    }

    static long elements(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension " + d);
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("tensor '" + name + "': element count overflows a long");
            }
        }
        return n;
    }

    static int arrayLength(TensorInfo t) {
        long n = t.elements();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' has " + n
                    + " elements, more than a Java array holds; read it in ranges");
        }
        return (int) n;
    }
}
