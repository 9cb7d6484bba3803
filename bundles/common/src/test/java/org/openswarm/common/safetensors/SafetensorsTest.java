package org.openswarm.common.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetensorsTest {

    @Test
    void roundTripKeepsNamesOrderDtypesAndValues() {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("fc.weight", Tensor.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f}));
        byte[] counter = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42).array();
        tensors.put("bn.num_batches_tracked", Tensor.of(DType.I64, new long[] {}, counter));
        byte[] bytes = Safetensors.toBytes(tensors);

        LinkedHashMap<String, Tensor> back = Safetensors.read(bytes);

        assertEquals(List.of("fc.weight", "bn.num_batches_tracked"), List.copyOf(back.keySet()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6.5f}, back.get("fc.weight").toFloats());
        assertArrayEquals(new long[] {2, 3}, back.get("fc.weight").shape());
        assertArrayEquals(new long[] {42}, back.get("bn.num_batches_tracked").toLongs());
    }

    @Test
    void headerIsPaddedToEightBytes() {
        byte[] bytes = Safetensors.toBytes(new LinkedHashMap<>(
                java.util.Map.of("x", Tensor.ofFloats(new long[] {1}, new float[] {1}))));
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertEquals("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", header.trim());
    }

    @Test
    void readsF64() {
        byte[] data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2).array();
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("d", Tensor.of(DType.F64, new long[] {2}, data));
        assertArrayEquals(new double[] {1.5, -2}, Safetensors.read(Safetensors.toBytes(tensors)).get("d").toDoubles());
    }

    @Test
    void refusesTruncatedFiles() {
        assertThrows(IllegalArgumentException.class, () -> Safetensors.read(new byte[] {1, 0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.ofFloats(new long[] {2, 2}, new float[] {1, 2, 3}));
    }
}
