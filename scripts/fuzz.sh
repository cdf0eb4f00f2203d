#!/usr/bin/env bash
# Fuzzes one of tessel's readers with libFuzzer (ASan + UBSan) for a bounded
# time:
#   scripts/fuzz.sh TARGET [seconds=120]
# TARGET: onnx-import, npy, tensorproto, tq, gemmini-bin or run-front
# (tools/fuzz/TARGET-fuzzer.cpp). The corpus, build-fuzz/corpus/TARGET, is
# seeded from the tests on the first run and kept. Exits non-zero on any
# crash, leak, sanitizer report or hang; the input is left in
# build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [seconds]}
seconds=${2:-120}
case "$target" in
  onnx-import|npy|tensorproto|tq|gemmini-bin|run-front) ;;
  *) echo "fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
esac
export DEBIAN_FRONTEND=noninteractive
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
# The tools that make seeds are built only for the targets that need them.
tools=()
case "$target" in
  tq) tools=(tessel-quant) ;;
  gemmini-bin) tools=(tessel-translate) ;;
esac
cmake --build build-fuzz --target "$target-fuzzer" "${tools[@]}"
corpus=build-fuzz/corpus/$target
if [ ! -d "$corpus" ]; then
  mkdir -p "$corpus.tmp"
  scripts/fuzz-seeds.sh "$target" "$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
mkdir -p build-fuzz/artifacts
# UBSan's reports stop the run too, with the input saved. LLVM's inline
# BumpPtrAllocator poisons the slabs tessel's instrumented code allocates,
# which the uninstrumented libMLIR.so then fills without unpoisoning: that
# manual poisoning is off, ASan's own checks are not.
ASAN_OPTIONS=detect_leaks=1:allow_user_poisoning=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "build-fuzz/bin/$target-fuzzer" "$corpus" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="build-fuzz/artifacts/$target-" -print_final_stats=1
