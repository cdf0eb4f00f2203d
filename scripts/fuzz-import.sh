#!/usr/bin/env bash
# Fuzzes the ONNX importer for a bounded time: scripts/fuzz.sh onnx-import.
#   scripts/fuzz-import.sh [seconds=120]
exec "$(dirname "$0")/fuzz.sh" onnx-import "${1:-120}"
