#!/usr/bin/env bash
# The main job: set up, build, and import the bundled example model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh tessel-import-onnx tessel-opt
mkdir -p out
build/bin/tessel-import-onnx examples/tiny_cnn.onnxtext -o out/tiny_cnn.nn.mlir
build/bin/tessel-opt out/tiny_cnn.nn.mlir --canonicalize
echo "demo: wrote out/tiny_cnn.nn.mlir"
