#!/usr/bin/env bash
# Float inference of the reference interpreter against onnxruntime:
# tessel-run and onnxruntime (npm onnxruntime-node, CPU, intraOpNumThreads 2)
# on the same machine, in the same run, on the same input, for torchvision's
# resnet18, resnet50, mobilenet_v2 and vit_b_16 and a PyTorch transformer
# encoder layer (d_model 256, 8 heads, 128 tokens, opset 17), all with
# random weights. Both are timed on inference only (model loading
# excluded), median of N runs after a warm-up; ratios are per model and
# their geometric mean.
#   bench/reference-vs-onnxruntime.sh [runs=5] [model...]
# TESSEL_BIN=dir measures the tessel-run and tessel-import-onnx in dir (a
# baseline build) instead of building this tree's; ORT_NODE_MODULES=dir
# uses an existing onnxruntime-node install instead of npm installing one
# into build/bench-ort.
# Results: bench/reference-vs-onnxruntime.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
all="resnet18 resnet50 mobilenet_v2 vit_b_16 encoder_opset17"
names=${*:-$all}
models=build/bench-models
for m in $names; do
  [ -f $models/$m/model.onnx ] ||
    /usr/bin/python3 python/tessel/export_models.py $models --models $m >/dev/null
done
ortmods=${ORT_NODE_MODULES:-build/bench-ort/node_modules}
if [ ! -d $ortmods/onnxruntime-node ]; then
  mkdir -p build/bench-ort
  (cd build/bench-ort && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit \
     --no-fund onnxruntime-node >/dev/null)
fi
if [ -n "${TESSEL_BIN:-}" ]; then
  bin=$TESSEL_BIN
else
  scripts/build.sh tessel-import-onnx tessel-run >/dev/null
  bin=build/bin
fi
printf '| model | tessel-run ms (first) | onnxruntime ms | ratio | max abs error vs PyTorch (tessel / ort) |\n'
printf '|---|---|---|---|---|\n'
logsum=0
count=0
for name in $names; do
  m=$models/$name
  $bin/tessel-import-onnx $m/model.onnx --emit-bytecode -o $m/model.mlirbc
  # One process, runs+1 runs: the first (weight reorders, JIT) is reported
  # apart, the median is over all of them, like onnxruntime's warm-up + runs.
  out=$($bin/tessel-run $m/model.mlirbc --input input=$m/input.npy \
          --output-dir $m/tessel --stats --repeat $((runs + 1)))
  echo "$out" > $m/tessel-stats.txt
  tessel=$(echo "$out" | sed -n 's/^run: \([0-9.]*\) ms.*/\1/p')
  first=$(echo "$out" | sed -n 's/^first run: \([0-9.]*\) ms/\1/p')
  err=$(/usr/bin/python3 -c "import numpy as np; print('%.2e' % np.abs(np.load('$m/tessel/output.npy') - np.load('$m/output.npy')).max())")
  ort=$(NODE_PATH=$ortmods node bench/ort-run.js $m/model.onnx $m/input.npy $m/output.npy "$runs")
  ortms=$(echo "$ort" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
  orterr=$(echo "$ort" | sed -n 's/.*PyTorch \(.*\)$/\1/p')
  ratio=$(/usr/bin/python3 -c "print('%.2f' % ($tessel / $ortms))")
  logsum=$(/usr/bin/python3 -c "import math; print($logsum + math.log($tessel / $ortms))")
  count=$((count + 1))
  printf '| %s | %s (%s) | %s | %sx | %s / %s |\n' "$name" "$tessel" "$first" \
    "$ortms" "$ratio" "$err" "$orterr"
done
/usr/bin/python3 -c "import math; print('geometric mean of the ratios: %.2fx' % math.exp($logsum / $count))"
echo "per-op times of each model's runs: $models/<model>/tessel-stats.txt"
