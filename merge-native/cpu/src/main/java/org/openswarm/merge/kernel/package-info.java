/**
 * What the native merge engines (CPU, CUDA, ROCm) share: {@link org.openswarm.merge.kernel.KernelEngine}, the
 * {@link org.openswarm.api.merge.MergeEngine} rules (validation, participants with weight 0 left out, weight
 * normalisation, the GEOMEDIAN iteration control) on top of a {@link org.openswarm.merge.kernel.Kernels}
 * implementation, {@link org.openswarm.merge.kernel.NativeLibrary}, how a bundle loads its JNI library, and what
 * the GPU bundles share ({@link org.openswarm.merge.kernel.GpuBinding},
 * {@link org.openswarm.merge.kernel.GpuEngineRegistrar}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.openswarm.merge.kernel;
