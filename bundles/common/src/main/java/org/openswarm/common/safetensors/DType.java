package org.openswarm.common.safetensors;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Element types of safetensors; the constant names are the format's dtype strings. */
public enum DType {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int size;
    private final boolean isFloat;

    DType(int size, boolean isFloat) {
        this.size = size;
        this.isFloat = isFloat;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** True for F64, F32, F16 and BF16. */
    public boolean isFloat() {
        return isFloat;
    }

    /**
     * The dtype named by a safetensors header string (exact, upper case as the format writes it).
     *
     * @throws IllegalArgumentException naming the unknown dtype and the supported ones
     */
    public static DType parse(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported safetensors dtype '" + name + "' (supported: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }
}
