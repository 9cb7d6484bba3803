package org.openswarm.common.safetensors;

import java.util.Arrays;
import java.util.Objects;

/** The layout of one tensor to be written: name, dtype and shape (offsets are computed by the writer). */
public record TensorSpec(String name, DType dtype, long[] shape) {
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        Shapes.elements(name, shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar of shape []). */
    public long elements() {
        return Shapes.elements(name, shape);
    }

    /** Size of the data in bytes. */
    public long byteLength() {
        return Math.multiplyExact(elements(), dtype.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec s && name.equals(s.name) && dtype == s.dtype && Arrays.equals(shape, s.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + ":" + dtype + Arrays.toString(shape);
    }
}
