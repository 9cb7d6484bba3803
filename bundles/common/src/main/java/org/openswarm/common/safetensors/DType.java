package org.openswarm.common.safetensors;

/** The element types safetensors names in its header; the constant's name is the header's spelling. */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }
}
