#!/usr/bin/env bash
# Import time of torchvision resnet50 (random weights, exported by
# python/tessel/export_models.py) on one core, against reading the same file
# with ONNX's own Python loader (onnx.load) in the same run as a baseline.
#   bench/import-time.sh [runs=5]
# Results: bench/import-time.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
models=build/bench-models
[ -f $models/resnet50/model.onnx ] ||
  /usr/bin/python3 python/tessel/export_models.py $models --models resnet50 >/dev/null
scripts/build.sh tessel-import-onnx >/dev/null
model=$models/resnet50/model.onnx
pin="--input-shape input=1x3x224x224"
echo "model: $model ($(du -h $model | cut -f1))"
best() { sort -n | head -1; }
time_cmd() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" taskset -c 0 "$@" 2>&1 >/dev/null | tail -1
  done
}
imp=$(time_cmd build/bin/tessel-import-onnx $model $pin -o /dev/null)
byc=$(time_cmd build/bin/tessel-import-onnx $model $pin --emit-bytecode -o /dev/null)
nochk=$(time_cmd build/bin/tessel-import-onnx $model $pin --no-checker -o /dev/null)
load=$(time_cmd /usr/bin/python3 -c "import onnx,sys; onnx.load(sys.argv[1])" $model)
echo "best of $runs, seconds (peak RSS KiB):"
echo "  tessel-import-onnx (text IR):      $(echo "$imp" | best)"
echo "  tessel-import-onnx --emit-bytecode: $(echo "$byc" | best)"
echo "  tessel-import-onnx --no-checker:    $(echo "$nochk" | best)"
echo "  python3 onnx.load (baseline):       $(echo "$load" | best)"
