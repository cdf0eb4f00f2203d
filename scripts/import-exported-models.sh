#!/usr/bin/env bash
# Exports resnet18, resnet50, mobilenet_v2 and a transformer encoder layer
# (opsets 13 and 17) with python/tessel/export_models.py, then imports each
# and verifies the result with tessel-opt. Needs python3-torch and
# python3-torchvision (installed here if missing); CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
for p in python3-torch python3-torchvision; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$p"; }
done
scripts/build.sh tessel-import-onnx tessel-opt >/dev/null
out=build/bench-models
/usr/bin/python3 python/tessel/export_models.py $out 2>/dev/null
for m in resnet18 resnet50 mobilenet_v2 encoder_opset13 encoder_opset17; do
  build/bin/tessel-import-onnx $out/$m/model.onnx --emit-bytecode -o $out/$m/model.mlirbc
  build/bin/tessel-opt $out/$m/model.mlirbc --verify-each -o /dev/null
  ops=$(build/bin/tessel-opt $out/$m/model.mlirbc | grep -oE '= nn\.[a-z_]+' | sort | uniq -c |
        awk '{printf "%s %s, ", $3, $1}')
  echo "$m: imported and verified; ${ops%, }"
done
