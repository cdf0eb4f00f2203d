#!/usr/bin/env bash
# Error of the 4-bit formats relative to int4 on Gaussian, Laplace and
# outlier-heavy tensors and on resnet18's convolution weights, and the
# encode/decode speed of each codec.
#   bench/quant-formats.sh
# Results: bench/quant-formats.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh tessel-quant tessel-codec-bench >/dev/null
out=build/bench-quant
mkdir -p $out
models=build/bench-models
[ -f $models/resnet18/model.onnx ] ||
  /usr/bin/python3 python/tessel/export_models.py $models --models resnet18 >/dev/null

# 256x1024 values each, seeded. Outliers: 1% of values at 10-50 sigma.
/usr/bin/python3 - "$out" <<'PY'
import sys, numpy as np
out = sys.argv[1]
rng = np.random.default_rng(0)
shape = (256, 1024)
np.save(f"{out}/gaussian.npy", rng.standard_normal(shape).astype(np.float32))
np.save(f"{out}/laplace.npy", rng.laplace(size=shape).astype(np.float32))
x = rng.standard_normal(shape)
mask = rng.random(shape) < 0.01
x[mask] = rng.uniform(10, 50, mask.sum()) * rng.choice([-1, 1], mask.sum())
np.save(f"{out}/outliers.npy", x.astype(np.float32))
PY

formats=int4,pot4,float4,flint4,ovpint4,ovpflint4,mxfp4_e2m1,bfp4
for t in gaussian laplace outliers; do
  build/bin/tessel-quant stats $out/$t.npy --formats $formats --json > $out/$t.json
done
build/bin/tessel-quant stats $models/resnet18/model.onnx --formats $formats \
  --axis 0 --json > $out/resnet18.json

/usr/bin/python3 - "$out" <<'PY'
import sys, json
out = sys.argv[1]
def row(name, tensors):
    # Total squared error over all tensors, per format.
    err, n, choices = {}, 0, {}
    for t in tensors:
        size = 1
        for d in t["shape"]:
            size *= d
        n += size
        for f in t["formats"]:
            key = f["format"].lstrip("u") if f["format"].startswith("u") else f["format"]
            err[key] = err.get(key, 0) + f["mse"] * size
        c = t.get("ant_choice", "-")
        choices[c] = choices.get(c, 0) + 1
    base = err["int4"]
    cells = " | ".join("%.3f" % (err[k] / base) for k in err)
    return "| %s | %s | %s |" % (name, cells, ", ".join("%s %d" % kv for kv in sorted(choices.items()))), list(err)
rows = []
for t in ["gaussian", "laplace", "outliers"]:
    r, keys = row(t, json.load(open(f"{out}/{t}.json")))
    rows.append(r)
weights = [t for t in json.load(open(f"{out}/resnet18.json")) if len(t["shape"]) == 4]
r, keys = row("resnet18 conv weights (%d tensors, per-channel)" % len(weights), weights)
rows.append(r)
print("| tensor | " + " | ".join(keys) + " | ANT's choice |")
print("|---|" + "---|" * (len(keys) + 1))
print("\n".join(rows))
PY
echo
build/bin/tessel-codec-bench
