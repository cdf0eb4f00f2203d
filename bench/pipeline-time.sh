#!/usr/bin/env bash
# The whole pipeline's time on one model as a driver runs it, the module
# kept in one process between the stages (MLIR bytecode at the edges):
# import, then fold batch norm, int8 quantization per channel calibrated on
# the model's input, tiling and lowering in one tessel-opt; then the
# compiled module is checked bit-identical to the accelerator form.
#   bench/pipeline-time.sh [model=resnet50] [policy=cost]
# Results: bench/e2e.md (Summary, pipeline time).
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-resnet50}
policy=${2:-cost}
m=build/bench-models/$model
[ -f $m/model.onnx ] || /usr/bin/python3 python/tessel/export_models.py build/bench-models --models $model >/dev/null
scripts/build.sh tessel-import-onnx tessel-opt tessel-run >/dev/null
w=build/bench-pipeline/$model
mkdir -p $w
quant="scheme=int8 granularity=per-channel activations=signed calib=input=$m/input.npy"
t0=$(date +%s.%N)
build/bin/tessel-import-onnx $m/model.onnx --emit-bytecode -o $w/float.mlirbc
t1=$(date +%s.%N)
build/bin/tessel-opt $w/float.mlirbc --nn-fold-batch-norm --qt-quantize="$quant" \
  --tessel-to-gemmini="target=gemmini-default policy=$policy" --emit-bytecode -o $w/gemmini.mlirbc
t2=$(date +%s.%N)
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
echo "$model, policy $policy: import $(secs $t0 $t1) s, quantize + compile $(secs $t1 $t2) s, whole pipeline $(secs $t0 $t2) s"
build/bin/tessel-opt $w/float.mlirbc --nn-fold-batch-norm --qt-quantize="$quant" \
  --tessel-accelerator-form --emit-bytecode -o $w/accel.mlirbc
build/bin/tessel-run $w/gemmini.mlirbc --compare $w/accel.mlirbc --input input=$m/input.npy | tail -1
