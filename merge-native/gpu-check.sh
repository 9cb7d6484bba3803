#!/bin/sh
# Runs the CUDA merge check on a GPU machine (no Maven, no network needed): correctness of the CUDA kernels against
# the CPU kernels, then mean-merge bandwidth with parameters resident on the device (against the same run's device
# memcpy bandwidth) and from host arrays (H2D). Build the harness first where nvcc is: merge-native/build-gpu-check.sh,
# then carry merge-native/target/gpu-check/ (or gpu-check.tar.gz) and run ./gpu-check.sh there.
# Exit: 0 checks pass, 1 a check failed, 2 no CUDA device or a CUDA error.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
BIN="$HERE/gpu_check"
[ -x "$BIN" ] || BIN="$HERE/target/gpu-check/gpu_check"
if [ ! -x "$BIN" ]; then
    echo "gpu-check: harness not built: run merge-native/build-gpu-check.sh where nvcc is" >&2
    exit 2
fi
if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv,noheader || true
fi
OMP_WAIT_POLICY=passive "$BIN" "$@"
