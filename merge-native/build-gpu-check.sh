#!/bin/sh
# Builds the gpu-check folder to carry to a GPU machine with no Maven and no network:
#   merge-native/target/gpu-check/{gpu_check, gpu-check.sh}  (+ gpu-check.tar.gz)
# gpu_check is one binary: the CUDA kernels (sm_80, sm_90, compute_90 PTX; CUDA runtime linked statically, so only
# the NVIDIA driver, R580 or newer for CUDA 13, is needed there) and the CPU kernels as the reference (OpenMP).
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
NVCC="${NVCC:-/usr/local/cuda/bin/nvcc}"
if [ ! -x "$NVCC" ]; then
    echo "build-gpu-check: $NVCC not found: cannot build the CUDA harness" >&2
    exit 2
fi
OUT="$HERE/target/gpu-check"
mkdir -p "$OUT"
"$NVCC" -O3 -std=c++17 -cudart static \
    -gencode=arch=compute_80,code=sm_80 -gencode=arch=compute_90,code=sm_90 -gencode=arch=compute_90,code=compute_90 \
    -Xcompiler -fopenmp -I"$HERE/include" -I"$HERE/cpu/src/main/cpp" \
    -o "$OUT/gpu_check" "$HERE/gpu-check/gpu_check.cu"
cp "$HERE/gpu-check.sh" "$OUT/"
tar -C "$HERE/target" -czf "$HERE/target/gpu-check.tar.gz" gpu-check
ls -la "$OUT" "$HERE/target/gpu-check.tar.gz"
