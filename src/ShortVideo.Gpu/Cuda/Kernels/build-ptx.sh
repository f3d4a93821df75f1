#!/usr/bin/env bash
# Regenerates topk.ptx (embedded in ShortVideo.Gpu) from topk.cu. Debian's clang-14 compiles CUDA C to PTX
# without the CUDA SDK; the driver JIT-compiles the sm_80 PTX for any newer GPU (H100 is sm_90). The .ptx is
# committed so builds need no clang; GpuKernelSourceTests fails when it is older than topk.cu.
#   build-ptx.sh [output]   (default: topk.ptx beside this script); CLANG overrides the compiler.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clang="${CLANG:-/usr/lib/llvm-14/bin/clang}"
out="${1:-$here/topk.ptx}"
"$clang" -x cuda --cuda-device-only --cuda-gpu-arch=sm_80 -nocudainc -nocudalib -Xclang -target-feature -Xclang +ptx70 -std=c++17 -O3 -S -o "$out" "$here/topk.cu"
