#!/usr/bin/env bash
# Fuzzes the ONNX importer with libFuzzer (ASan + UBSan) for a bounded time.
#   scripts/fuzz-import.sh [seconds=120]
# Seeds: the import tests' text models and small libonnx-testdata models.
# Exits non-zero on any crash, leak, sanitizer report or hang.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
DEBIAN_FRONTEND=noninteractive
# clang-22 finds OpenMP only with its own runtime (libomp-22-dev).
for p in clang-22 libclang-rt-22-dev libomp-22-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -q && apt-get install -y -q "$p"; }
done
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang-22 CXX=clang++-22 cmake -G Ninja -B build-fuzz \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTESSEL_ENABLE_FUZZER=ON -DBUILD_TESTING=OFF \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir
fi
cmake --build build-fuzz --target onnx-import-fuzzer
corpus=build-fuzz/corpus
mkdir -p "$corpus"
cp test/Target/ONNX/*.onnxtext examples/*.onnxtext "$corpus"/ 2>/dev/null || true
mapfile -t seeds < <(find /usr/share/libonnx-testdata/data/node -name model.onnx -size -4k | sort)
for f in "${seeds[@]:0:300}"; do cp "$f" "$corpus/$(basename "$(dirname "$f")").onnx"; done
mkdir -p build-fuzz/artifacts
ASAN_OPTIONS=detect_leaks=1 build-fuzz/bin/onnx-import-fuzzer "$corpus" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1
