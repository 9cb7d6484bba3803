package org.openswarm.api.merge;

/**
 * The merge-engine SPI: merges one tensor (or one chunk of coordinates of it) across N participants in memory.
 * Registered as an OSGi service with the property {@code engine=<name>} ({@code java}, {@code native}, {@code cuda},
 * {@code rocm}) and optionally {@code service.ranking}; the merge service picks the highest-ranked engine when
 * configured {@code auto}, and falls back to {@code java}. docs/merge-engines.md is the full contract; in short:
 *
 * <ul>
 * <li><b>Shapes.</b> {@code inputs.length = N >= 1}; every {@code inputs[k]} and {@code out} have the same length P
 * (P may be 0). Engines never modify the inputs, never keep references after returning, and must accept P that is
 * not a multiple of any vector width.</li>
 * <li><b>Weights.</b> {@code weights.length = N}, each finite and &gt;= 0, at least one &gt; 0. Weight 0 means the
 * participant does not count at all (its values, even NaN, are ignored). Weights need not sum to 1: engines
 * normalise.</li>
 * <li><b>Methods.</b> MEAN, COORDMEDIAN and TRIMMEDMEAN are coordinate-wise, so callers may split a tensor into
 * chunks of any size and merge each separately. GEOMEDIAN treats the whole array as one vector, so callers pass the
 * whole tensor. KRUM is not a per-tensor method: the {@link ModelMerger} selects a participant using
 * {@link #addSquaredDistances} over the whole model; {@code merge} with KRUM throws IllegalArgumentException.</li>
 * <li><b>COORDMEDIAN</b> is the weighted 0.5-quantile: sort the values, the median is the smallest value whose
 * cumulative weight reaches half the total; when the cumulative weight equals exactly half, the mean of that value
 * and the next one (so equal weights and even N give the mean of the two middle values).</li>
 * <li><b>TRIMMEDMEAN</b> drops {@link MergeParams#trimCount}(N') smallest and largest values (N' = participants
 * with weight &gt; 0) and takes the weighted mean of the rest.</li>
 * <li><b>GEOMEDIAN</b>: weighted Weiszfeld from the weighted mean, in double precision; stop when the Euclidean
 * norm of the step is below 1e-6, after 1000 iterations, or when the last three step norms repeat (oscillation);
 * a point closer than 1e-12 to an input is taken with distance 1e-12.</li>
 * <li><b>NaN/Inf</b> (counted participants only; weight 0 ignores even NaN). MEAN follows IEEE arithmetic: a NaN
 * makes the coordinate NaN, an infinity makes it that infinity (NaN for +Inf and -Inf together). COORDMEDIAN and
 * TRIMMEDMEAN: a NaN at a coordinate makes that coordinate NaN; infinities are ordered like numbers (a median may be
 * infinite, a trimmed-away infinity does not count). GEOMEDIAN: any NaN or infinity anywhere in the tensor makes
 * the whole result NaN.</li>
 * <li><b>Precision.</b> float merges accumulate in float with fused multiply-add; results of different engines must
 * agree with a double-precision reference within 1e-5 relative to max|x| over the coordinate's inputs (GEOMEDIAN:
 * 1e-4, as iterations stop at tolerance). double merges accumulate in double.</li>
 * <li><b>Threads.</b> {@code merge} may be called from several threads at once; an engine parallelises internally
 * (the Java engine over coordinate ranges) and runs small merges on the calling thread.</li>
 * </ul>
 */
public interface MergeEngine {
    /** The engine's name, the value of its {@code engine} service property: java, native, cuda, rocm. */
    String name();

    /**
     * Merges one float tensor (or a chunk of coordinates for the coordinate-wise methods).
     *
     * @param method  MEAN, COORDMEDIAN, TRIMMEDMEAN or GEOMEDIAN
     * @param params  beta for TRIMMEDMEAN
     * @param inputs  N arrays of the same length as {@code out}
     * @param weights N weights, finite, &gt;= 0, at least one &gt; 0
     * @param out     receives the merged values
     * @throws IllegalArgumentException for mismatched lengths, bad weights or KRUM
     */
    void merge(MergeMethod method, MergeParams params, float[][] inputs, float[] weights, float[] out);

    /** The same in double precision, for F64 tensors. */
    void merge(MergeMethod method, MergeParams params, double[][] inputs, float[] weights, double[] out);

    /**
     * Adds the pairwise squared Euclidean distances between the inputs to {@code acc}:
     * {@code acc[i][j] += sum_c (inputs[i][c] - inputs[j][c])^2} for every i != j (both halves, accumulated in
     * double). KRUM calls it tensor by tensor and scores participants on the total.
     */
    void addSquaredDistances(float[][] inputs, double[][] acc);
}
