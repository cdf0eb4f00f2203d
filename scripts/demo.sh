#!/usr/bin/env bash
# The main job: set up, build, and compile the bundled example model for
# Gemmini's default configuration: import, fold batch norm, quantize to int8
# (calibrated on a seeded random image), put in the accelerator form, tile
# by the cost model of the target and lower to gemmini programs. The programs run
# in the simulator and are checked bit-identical to the accelerator form;
# the per-layer figures (instructions, DRAM bytes, cycles) are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh tessel-import-onnx tessel-opt tessel-run
mkdir -p out
py=/usr/bin/python3
build/bin/tessel-import-onnx examples/tiny_cnn.onnxtext --mlir-print-debuginfo -o out/tiny_cnn.nn.mlir
$py -c "import numpy as np; r = np.random.default_rng(0); np.save('out/image.npy', r.standard_normal((1, 3, 32, 32)).astype(np.float32)); np.save('out/calib.npy', r.standard_normal((1, 3, 32, 32)).astype(np.float32))"
build/bin/tessel-opt out/tiny_cnn.nn.mlir --nn-fold-batch-norm \
  --qt-quantize="scheme=int8 activations=signed calib=image=out/calib.npy" --mlir-print-debuginfo -o out/tiny_cnn.quant.mlir
build/bin/tessel-opt out/tiny_cnn.quant.mlir --tessel-accelerator-form --mlir-print-debuginfo -o out/tiny_cnn.accel.mlir
build/bin/tessel-opt out/tiny_cnn.quant.mlir \
  --tessel-to-gemmini="target=gemmini-default policy=cost" --mlir-print-debuginfo -o out/tiny_cnn.gemmini.mlir
echo "demo: compiled examples/tiny_cnn.onnxtext to out/tiny_cnn.gemmini.mlir" \
  "($(grep -c '^  gemmini.program' out/tiny_cnn.gemmini.mlir) accelerator programs)"
build/bin/tessel-run out/tiny_cnn.nn.mlir --input image=out/image.npy --output-dir out/float
build/bin/tessel-run out/tiny_cnn.gemmini.mlir --input image=out/image.npy --output-dir out/gemmini --stats
build/bin/tessel-run out/tiny_cnn.gemmini.mlir --compare out/tiny_cnn.accel.mlir --input image=out/image.npy
$py -c "import numpy as np; f = np.load('out/float/logits.npy').ravel(); g = np.load('out/gemmini/logits.npy').ravel(); print('demo: logits on the accelerator vs the float model: cosine %.6f' % (f @ g / np.linalg.norm(f) / np.linalg.norm(g)))"
