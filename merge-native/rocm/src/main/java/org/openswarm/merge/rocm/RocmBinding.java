package org.openswarm.merge.rocm;

import org.openswarm.merge.kernel.GpuBinding;

/** The HIP library as a {@link GpuBinding}: only the references to RocmKernels' native methods differ per runtime. */
final class RocmBinding extends GpuBinding {
    RocmBinding() {
        super(RocmKernels::load, RocmKernels::osw_gpu_device_count_jni, RocmKernels::osw_gpu_describe_jni,
                RocmKernels::osw_gpu_merge_jni, RocmKernels::osw_gpu_geomedian_jni,
                RocmKernels::osw_gpu_error_name_jni);
    }
}
