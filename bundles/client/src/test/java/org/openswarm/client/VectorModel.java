package org.openswarm.client;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openswarm.common.safetensors.Tensor;

/** A test model: one F32 vector "w" that a "training step" moves by a fixed amount. */
final class VectorModel implements SwarmModel {
    float[] w;
    int loads;

    VectorModel(float... w) {
        this.w = w.clone();
    }

    void step(float delta) {
        for (int i = 0; i < w.length; i++) {
            w[i] += delta;
        }
    }

    @Override
    public LinkedHashMap<String, Tensor> parameters() {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.ofFloats(new long[] {w.length}, w));
        return tensors;
    }

    @Override
    public void load(Map<String, Tensor> merged) {
        w = merged.get("w").toFloats();
        loads++;
    }

    @Override
    public String toString() {
        return Arrays.toString(w);
    }
}
