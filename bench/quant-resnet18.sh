#!/usr/bin/env bash
# resnet18 quantized by --qt-quantize and run in the interpreter with
# exact integer products: the output's cosine similarity and largest error
# against the float model's, per scheme, on 4 seeded standard-normal
# inputs (PyTorch's reference input and 3 more), calibrated on 4 others.
#   bench/quant-resnet18.sh [schemes...]
# Results: bench/quant-resnet18.md.
set -euo pipefail
cd "$(dirname "$0")/.."
models=build/bench-models
[ -f $models/resnet18/model.onnx ] ||
  /usr/bin/python3 python/tessel/export_models.py $models --models resnet18 >/dev/null
scripts/build.sh tessel-import-onnx tessel-opt tessel-run >/dev/null
m=$models/resnet18
out=build/bench-quant-resnet18
mkdir -p $out
build/bin/tessel-import-onnx $m/model.onnx --emit-bytecode -o $out/float.mlirbc
/usr/bin/python3 - "$out" "$m/input.npy" <<'PY'
import sys, numpy as np
out, ref = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(2026)
for i in range(4):
    np.save(f"{out}/calib{i}.npy", rng.standard_normal((1, 3, 224, 224)).astype(np.float32))
np.save(f"{out}/eval0.npy", np.load(ref))
for i in range(1, 4):
    np.save(f"{out}/eval{i}.npy", rng.standard_normal((1, 3, 224, 224)).astype(np.float32))
PY
calib=$(echo $out/calib{0,1,2,3}.npy | tr ' ' ',')
run() {  # run <model> <dir>: the 4 evaluation outputs
  for i in 0 1 2 3; do
    build/bin/tessel-run "$1" --input input=$out/eval$i.npy --output-dir "$2/eval$i" >/dev/null
  done
}
run $out/float.mlirbc $out/float
schemes=("$@")
[ ${#schemes[@]} -gt 0 ] || schemes=("int8" "int8 granularity=per-tensor" \
  "ant4" "int4" "flint4" "ovp4" "ovp8" "mxint8" "mxfp8" "bfp8")
printf '| scheme | pass s | run s | cosine (mean, min) | max abs error | top-1 agrees |\n'
printf '|---|---|---|---|---|---|\n'
for s in "${schemes[@]}"; do
  tag=$(echo "$s" | tr ' =' '__')
  t0=$(date +%s.%N)
  build/bin/tessel-opt $out/float.mlirbc --qt-quantize="scheme=$s calib=$calib" \
    --emit-bytecode -o $out/$tag.mlirbc
  t1=$(date +%s.%N)
  run $out/$tag.mlirbc $out/$tag
  t2=$(date +%s.%N)
  /usr/bin/python3 - "$out" "$tag" "$s" "$t0" "$t1" "$t2" <<'PY'
import sys, numpy as np
out, tag, s, t0, t1, t2 = sys.argv[1], sys.argv[2], sys.argv[3], *map(float, sys.argv[4:])
cos, err, top = [], 0.0, 0
for i in range(4):
    a = np.load(f"{out}/float/eval{i}/output.npy").astype(np.float64).ravel()
    b = np.load(f"{out}/{tag}/eval{i}/output.npy").astype(np.float64).ravel()
    cos.append(a @ b / np.linalg.norm(a) / np.linalg.norm(b))
    err = max(err, np.abs(a - b).max())
    top += a.argmax() == b.argmax()
print(f"| {s} | {t1 - t0:.1f} | {(t2 - t1) / 4:.2f} | {np.mean(cos):.6f}, {min(cos):.6f} | {err:.3g} | {top}/4 |")
PY
done
