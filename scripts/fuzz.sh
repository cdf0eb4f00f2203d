#!/usr/bin/env bash
# Fuzzes one of tessel's readers with libFuzzer (ASan + UBSan) for a bounded
# time:
#   scripts/fuzz.sh TARGET [seconds=120]
# TARGET: onnx-import, npy, tensorproto, tq, gemmini-bin or run-front
# (tools/fuzz/TARGET-fuzzer.cpp). The corpus, build-sanitize/corpus/TARGET, is
# seeded from the tests on the first run and kept. Exits non-zero on any
# crash, leak, sanitizer report or hang; the input is left in
# build-sanitize/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [seconds]}
seconds=${2:-120}
case "$target" in
  onnx-import|npy|tensorproto|tq|gemmini-bin|run-front) ;;
  *) echo "fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
esac
scripts/install-deps.sh
scripts/configure-sanitized.sh
# The tools that make seeds are built only for the targets that need them.
tools=()
case "$target" in
  tq) tools=(tessel-quant) ;;
  gemmini-bin) tools=(tessel-translate) ;;
esac
cmake --build build-sanitize --target "$target-fuzzer" "${tools[@]}"
corpus=build-sanitize/corpus/$target
if [ ! -d "$corpus" ]; then
  mkdir -p "$corpus.tmp"
  scripts/fuzz-seeds.sh "$target" "$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
mkdir -p build-sanitize/artifacts
# shellcheck source=scripts/sanitizer-options.sh
. scripts/sanitizer-options.sh
"build-sanitize/bin/$target-fuzzer" "$corpus" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="build-sanitize/artifacts/$target-" -print_final_stats=1
