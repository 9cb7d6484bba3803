package org.openswarm.merge.kernel;

import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A GPU bundle's JNI library (CUDA, ROCm) as a {@link GpuEngineRegistrar.Binding} and its {@link GpuCalls}, written
 * once for both runtimes. The native methods themselves stay in each bundle's binding class (the JVM binds them to
 * the library that bundle's class loader loaded); the bundle hands them over as method references.
 */
public class GpuBinding implements GpuEngineRegistrar.Binding, GpuCalls {
    /** {@code osw_gpu_merge_jni}: method 0 MEAN, 1 weighted median, 2 trimmed mean; result[0] is 0 or an error. */
    @FunctionalInterface
    public interface MergeCall {
        void merge(Object[] x, float[] w, int method, int trim, float[] out, int[] result);
    }

    /** {@code osw_gpu_geomedian_jni}: the Weiszfeld passes on the device; result[0] is 0 or an error code. */
    @FunctionalInterface
    public interface GeomedianCall {
        void geomedian(Object[] x, float[] raw, double tol, int maxIterations, double minDistance, double[] z,
                int[] result);
    }

    private final Runnable load;
    private final IntSupplier deviceCount;
    private final Supplier<String> describe;
    private final MergeCall merge;
    private final GeomedianCall geomedian;
    private final IntFunction<String> errorName;

    /** Each argument calls the bundle's own native method (or, for {@code load}, its NativeLibrary.load). */
    protected GpuBinding(Runnable load, IntSupplier deviceCount, Supplier<String> describe, MergeCall merge,
            GeomedianCall geomedian, IntFunction<String> errorName) {
        this.load = load;
        this.deviceCount = deviceCount;
        this.describe = describe;
        this.merge = merge;
        this.geomedian = geomedian;
        this.errorName = errorName;
    }

    @Override
    public void load() {
        load.run();
    }

    @Override
    public int deviceCount() {
        return deviceCount.getAsInt();
    }

    @Override
    public String describe() {
        return describe.get();
    }

    @Override
    public GpuCalls calls() {
        return this;
    }

    @Override
    public int merge(float[][] x, float[] w, int method, int trim, float[] out) {
        int[] r = new int[1];
        merge.merge(x, w, method, trim, out, r);
        return r[0];
    }

    @Override
    public int geomedian(float[][] x, float[] raw, double tol, int maxIterations, double minDistance, double[] z) {
        int[] r = new int[1];
        geomedian.geomedian(x, raw, tol, maxIterations, minDistance, z, r);
        return r[0];
    }

    @Override
    public String errorName(int code) {
        return errorName.apply(code);
    }
}
