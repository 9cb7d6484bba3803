package org.openswarm.common.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a safetensors file as its header describes it.
 *
 * @param dataOffset absolute position of the first data byte within the file (header length included)
 * @param byteLength size of the data in bytes (= elements() * dtype.size())
 */
public record TensorInfo(String name, DType dtype, long[] shape, long dataOffset, long byteLength) {
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar of shape []). */
    public long elements() {
        return Shapes.elements(name, shape);
    }

    /** Name, dtype and shape, without the offsets. */
    public TensorSpec spec() {
        return new TensorSpec(name, dtype, shape);
    }

    /** True when dtype and shape equal the other's (names and offsets are not compared). */
    public boolean sameLayout(TensorInfo other) {
        return dtype == other.dtype && Arrays.equals(shape, other.shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && dataOffset == t.dataOffset && byteLength == t.byteLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataOffset, byteLength);
    }

    @Override
    public String toString() {
        return name + ":" + dtype + Arrays.toString(shape) + "@" + dataOffset + "+" + byteLength;
    }
}
