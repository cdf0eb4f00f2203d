#!/usr/bin/env bash
# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# (build-sanitize/, clang-22), then a short fuzz run of every libFuzzer target
# from its seeds. Any sanitizer report fails the run.
#   scripts/test-sanitized.sh [fuzz seconds per target=20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
scripts/install-deps.sh
scripts/configure-sanitized.sh
cmake --build build-sanitize
# shellcheck source=scripts/sanitizer-options.sh
. scripts/sanitizer-options.sh
ctest --test-dir build-sanitize --output-on-failure || { rc=$?; scripts/failure-digest.sh build-sanitize; exit $rc; }
for target in npy tensorproto tq gemmini-bin run-front onnx-import; do
  scripts/fuzz.sh "$target" "$seconds"
done
