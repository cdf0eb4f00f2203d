#!/usr/bin/env bash
# Simulated int8 MACs per second of tessel-run on a 512x512x512 matmul run
# through loop_ws (Gemmini's default target, DIM 16, Gemmini's own WS tile
# choice for 512^3: (5, 6, 32) DIM blocks), against an int8 GEMM on the same
# machine in the same run.
#   bench/gemmini-sim.sh [runs=3]
# Results: bench/gemmini-sim.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
scripts/build.sh tessel-run tessel-translate tessel-int8-gemm-bench >/dev/null
out=build/bench-gemmini
rm -rf $out
/usr/bin/python3 python/tessel/gemmini_programs.py matmul 0 $out 512 512 512 5 6 32 \
  --tessel-translate build/bin/tessel-translate
times=()
for _ in $(seq "$runs"); do
  stats=$(build/bin/tessel-run $out/prog.mlir $(cat $out/inputs.txt) \
            --output-dir $out/out --stats)
  times+=("$(echo "$stats" | sed -n 's/^run: \([0-9.]*\) ms/\1/p')")
done
/usr/bin/python3 - "$out" <<'PY'
import sys, numpy as np
out = sys.argv[1]
assert np.array_equal(np.load(f"{out}/out/c.npy"), np.load(f"{out}/expected/c.npy")), "simulator output differs from NumPy"
PY
echo "$stats" | sed -n '/^instructions/,$p'
best=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
macs=$(echo "$stats" | sed -n 's/^MACs: //p')
/usr/bin/python3 -c "print('tessel-run simulator: best %.1f ms of $runs, %.3g simulated MAC/s (output matches NumPy)' % ($best, $macs / ($best / 1e3)))"
OMP_NUM_THREADS=1 build/bin/tessel-int8-gemm-bench 512
