#!/usr/bin/env bash
# resnet18 float inference: tessel-run against onnxruntime (npm
# onnxruntime-node, CPU, intraOpNumThreads 2) on the same machine, same run,
# same input. Both are timed on inference only (model loading excluded),
# median of N runs after a warm-up.
#   bench/resnet18-vs-onnxruntime.sh [runs=5]
# Results: bench/resnet18-vs-onnxruntime.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
models=build/bench-models
[ -f $models/resnet18/model.onnx ] ||
  /usr/bin/python3 python/tessel/export_models.py $models --models resnet18 >/dev/null
ort=build/bench-ort
if [ ! -d $ort/node_modules/onnxruntime-node ]; then
  mkdir -p $ort
  (cd $ort && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund \
     onnxruntime-node >/dev/null)
fi
scripts/build.sh tessel-import-onnx tessel-run >/dev/null
m=$models/resnet18
build/bin/tessel-import-onnx $m/model.onnx --emit-bytecode -o $m/model.mlirbc
# One process, runs+1 runs: the first (weight reorders, JIT) is reported
# apart, the median is over all of them, like onnxruntime's warm-up + runs.
out=$(build/bin/tessel-run $m/model.mlirbc --input input=$m/input.npy \
        --output-dir $m/tessel --stats --repeat $((runs + 1)))
tessel=$(echo "$out" | sed -n 's/^run: \([0-9.]*\) ms.*/\1/p')
first=$(echo "$out" | sed -n 's/^first run: \([0-9.]*\) ms/\1/p')
err=$(/usr/bin/python3 -c "import numpy as np; print('%.2e' % np.abs(np.load('$m/tessel/output.npy') - np.load('$m/output.npy')).max())")
echo "tessel-run: median $tessel ms over $((runs + 1)) runs (first $first ms); max abs error vs PyTorch $err"
NODE_PATH=$ort/node_modules node bench/ort-run.js $m/model.onnx $m/input.npy $m/output.npy "$runs" | tee /tmp/ort.txt
ortms=$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' /tmp/ort.txt)
/usr/bin/python3 -c "print('ratio tessel/onnxruntime: %.2fx' % ($tessel / $ortms))"
