#!/usr/bin/env bash
# The compiler end to end: resnet18, resnet50 (batch 1 and 4), mobilenet_v2
# and the encoder layer (torchvision / PyTorch, random weights) imported,
# quantized int8 (calibrated on one input), compiled for gemmini-default
# with each tile policy, and run in the simulator: each stage's time, and
# per layer the simulator's cycles, DRAM bytes and utilization.
#   bench/e2e.sh [policies [granularity [models...]]]
#     policies: gemmini,cost (default gemmini), each optionally with more
#     --tessel-to-gemmini options ("gemmini,cost dataflow=auto"); granularity: per-channel
#     (default) or per-tensor; models: names under build/bench-models
#     (batch4/resnet50 for resnet50 at batch 4), default all five.
# Results: bench/e2e.md.
set -euo pipefail
cd "$(dirname "$0")/.."
models=build/bench-models
py=/usr/bin/python3
for m in resnet18 resnet50 mobilenet_v2 encoder_opset17; do
  [ -f $models/$m/model.onnx ] || $py python/tessel/export_models.py $models --models $m >/dev/null
done
[ -f $models/batch4/resnet50/model.onnx ] ||
  $py python/tessel/export_models.py $models/batch4 --batch 4 --models resnet50 >/dev/null
scripts/build.sh tessel-import-onnx tessel-opt tessel-run >/dev/null
policies=${1:-gemmini}
granularity=${2:-per-channel}
shift $(( $# < 2 ? $# : 2 ))
names=${*:-resnet18 resnet50 mobilenet_v2 encoder_opset17 batch4/resnet50}
$py bench/e2e.py --tools build/bin --work build/bench-e2e-$granularity --policies "$policies" \
  --granularity "$granularity" $(for n in $names; do echo $models/$n; done)
