#!/usr/bin/env bash
# The tiler's cost policy against its gemmini policy on ResNet-50's layers
# as im2col GEMMs (224x224, batch 1 and 4, each with its bias; int8 results
# with one scale, and int32 results for per-channel scales): per layer both
# tiles and their estimated cycles, the ratios, the search's time; then
# --tessel-tile's own time on all 54 layers through tessel-opt.
#   bench/tiling-cost.sh [runs=3]
# Results: bench/tiling-cost.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
scripts/build.sh tessel-opt tessel-tiling-cost-bench >/dev/null
mkdir -p build/bench
for batch in 1 4; do
  for out in i8 i32; do
    echo "## batch $batch, $out results"
    echo
    build/bin/tessel-tiling-cost-bench resnet50 $batch $out
    module=build/bench/resnet50-tiles-$batch-$out.mlir
    build/bin/tessel-tiling-cost-bench resnet50-module $batch $out > $module
    for policy in gemmini cost; do
      best=$(for _ in $(seq "$runs"); do
               build/bin/tessel-opt $module --tessel-tile=policy=$policy \
                 --mlir-timing -o /dev/null 2>&1 |
                 sed -n 's/^ *\([0-9.]*\) .* TesselTile$/\1/p'
             done | sort -n | head -1)
      echo "--tessel-tile=policy=$policy on the 54 layers: $best s (best of $runs)"
    done
    echo
  done
done
