package org.openswarm.merge.cuda;

import org.openswarm.merge.kernel.GpuBinding;

/** The CUDA library as a {@link GpuBinding}: only the references to CudaKernels' native methods differ per runtime. */
final class CudaBinding extends GpuBinding {
    CudaBinding() {
        super(CudaKernels::load, CudaKernels::osw_gpu_device_count_jni, CudaKernels::osw_gpu_describe_jni,
                CudaKernels::osw_gpu_merge_jni, CudaKernels::osw_gpu_geomedian_jni,
                CudaKernels::osw_gpu_error_name_jni);
    }
}
