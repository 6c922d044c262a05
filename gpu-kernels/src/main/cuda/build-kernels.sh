#!/usr/bin/env bash
# Compiles CathNav's CUDA kernels ahead of time (NVRTC is not usable on the GPU machine): every *.cu here becomes
# <name>.cubin (sm_90, loaded first) and <name>.ptx (compute_90, JIT-compiled by the driver on other GPUs) under
# OUT/cathnav/gpu/cuda/, plus kernels.properties naming the nvcc that built them. Skips files already up to date.
# Run by Maven (profile cuda-kernels in gpu-kernels/pom.xml) in process-classes; by hand:
#   gpu-kernels/src/main/cuda/build-kernels.sh NVCC OUT_DIR
# NVCC is a path or a command name looked up on PATH. Without nvcc the build goes on and the CUDA backend's probe
# reports that no kernels are packaged.
set -euo pipefail
nvcc_arg=${1:?usage: build-kernels.sh NVCC OUT_DIR}
out_root=${2:?usage: build-kernels.sh NVCC OUT_DIR}
src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
nvcc=$(command -v "$nvcc_arg" || true)
if [ -z "$nvcc" ]; then
  echo "cathnav cuda: nvcc not found (nvcc=$nvcc_arg); CUDA kernels not packaged, the cuda backend will be absent" >&2
  exit 0
fi
out="$out_root/cathnav/gpu/cuda"
mkdir -p "$out"
arch_bin=${CATHNAV_CUDA_SM:-sm_90}
arch_ptx=${CATHNAV_CUDA_COMPUTE:-compute_90}
flags=(-O3 -std=c++17 -I"$src" -Xptxas=-warn-spills)
built=0
for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  if [ "$out/$name.cubin" -nt "$cu" ] && [ "$out/$name.ptx" -nt "$cu" ] && [ "$out/$name.cubin" -nt "$src/cathnav_device.cuh" ]; then
    continue
  fi
  "$nvcc" "${flags[@]}" -cubin -arch="$arch_bin" -o "$out/$name.cubin" "$cu"
  "$nvcc" "${flags[@]}" -ptx -arch="$arch_ptx" -o "$out/$name.ptx" "$cu"
  built=$((built + 1))
done
version=$("$nvcc" --version | sed -n 's/.*release \([0-9.]*\).*/\1/p' | head -1)
printf 'nvcc=%s\nnvccVersion=%s\ncubinArch=%s\nptxArch=%s\n' "$nvcc" "$version" "$arch_bin" "$arch_ptx" > "$out/kernels.properties.tmp"
cmp -s "$out/kernels.properties.tmp" "$out/kernels.properties" 2>/dev/null && rm "$out/kernels.properties.tmp" \
  || mv "$out/kernels.properties.tmp" "$out/kernels.properties"
echo "cathnav cuda: kernels in $out (compiled $built, nvcc $version, $arch_bin + $arch_ptx)"
