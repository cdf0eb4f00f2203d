#!/usr/bin/env bash
# Exports resnet18, resnet50, mobilenet_v2, vit_b_16 and a transformer encoder layer
# (opsets 13 and 17) with python/tessel/export_models.py, imports each,
# verifies it with tessel-opt, runs it on the reference interpreter and
# compares with PyTorch's output for the same input (rtol 1e-3, atol 1e-4).
# Needs python3-torch and python3-torchvision (installed here if missing);
# CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
for p in python3-torch python3-torchvision; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$p"; }
done
scripts/build.sh tessel-import-onnx tessel-opt tessel-run >/dev/null
out=build/bench-models
/usr/bin/python3 python/tessel/export_models.py $out 2>/dev/null
for m in resnet18 resnet50 mobilenet_v2 vit_b_16 encoder_opset13 encoder_opset17; do
  build/bin/tessel-import-onnx $out/$m/model.onnx --emit-bytecode -o $out/$m/model.mlirbc
  build/bin/tessel-opt $out/$m/model.mlirbc --verify-each -o /dev/null
  ops=$(build/bin/tessel-opt $out/$m/model.mlirbc | grep -oE '= nn\.[a-z_]+' | sort | uniq -c |
        awk '{printf "%s %s, ", $3, $1}')
  echo "$m: imported and verified; ${ops%, }"
  start=$(date +%s.%N)
  build/bin/tessel-run $out/$m/model.mlirbc --input input=$out/$m/input.npy \
    --output-dir $out/$m/tessel >/dev/null
  end=$(date +%s.%N)
  /usr/bin/python3 -c "
import sys, numpy as np
got = np.load('$out/$m/tessel/output.npy'); want = np.load('$out/$m/output.npy')
ok = np.allclose(got, want, rtol=1e-3, atol=1e-4)
print('$m: interpreter vs PyTorch: max abs error %.3g, %s (tessel-run %.2f s)'
      % (np.abs(got - want).max(), 'match' if ok else 'MISMATCH', $end - $start))
sys.exit(0 if ok else 1)"
done
