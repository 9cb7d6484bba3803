package org.openswarm.api.merge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Merges N participants' safetensors models into one file: the service the SL leader calls each sync round.
 *
 * <p>Implementations go tensor by tensor (or chunk by chunk): they read one tensor from every input, merge it with the
 * active {@link MergeEngine} and write it, so memory is N times the largest tensor (or chunk), never N times the model.
 * The output has the inputs' tensor names, dtypes, shapes and order, and the first input's metadata.
 */
public interface ModelMerger {
    /**
     * Merges {@code inputs} into {@code output}.
     *
     * @param inputs  at least one safetensors file; all must have the same tensor names, dtypes and shapes
     * @param weights one weight per input, finite and &gt;= 0, not all 0 (e.g. sample counts); 0 leaves the input
     *                out; null means equal weights
     * @param method  how to merge; KRUM copies the selected input
     * @param params  beta and f (null means {@link MergeParams#defaults()})
     * @param output  the file to write (replaced)
     * @throws org.openswarm.api.SwarmException bad request for a layout mismatch (naming the first mismatching tensor
     *                                          and the input index), bad weights or an unreadable input
     */
    MergeResult merge(List<Path> inputs, double[] weights, MergeMethod method, MergeParams params, Path output)
            throws IOException;

    /** Name of the engine merges run on now. */
    String engine();
}
