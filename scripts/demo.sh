#!/usr/bin/env bash
# The main job: set up, build, import the bundled example model and run it on
# the reference interpreter with a seeded random image.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh tessel-import-onnx tessel-opt tessel-run
mkdir -p out
build/bin/tessel-import-onnx examples/tiny_cnn.onnxtext -o out/tiny_cnn.nn.mlir
echo "demo: imported examples/tiny_cnn.onnxtext to out/tiny_cnn.nn.mlir"
/usr/bin/python3 -c "import numpy as np; np.save('out/image.npy', np.random.default_rng(0).standard_normal((1, 3, 32, 32)).astype(np.float32))"
build/bin/tessel-run out/tiny_cnn.nn.mlir --input image=out/image.npy --output-dir out --stats
