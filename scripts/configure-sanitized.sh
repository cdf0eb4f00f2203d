#!/usr/bin/env bash
# Configures (once) build-sanitize/: clang-22, ASan + UBSan on everything
# tessel builds, the tests and the libFuzzer targets. Shared by
# scripts/test-sanitized.sh and scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-sanitize/build.ninja ]; then
  CC=clang-22 CXX=clang++-22 cmake -G Ninja -B build-sanitize \
    -DCMAKE_BUILD_TYPE=Release -DTESSEL_ENABLE_FUZZER=ON \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit
fi
