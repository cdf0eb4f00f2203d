#!/usr/bin/env bash
# Writes the seed inputs of one fuzz target (scripts/fuzz.sh) into DIR, from
# the tests, libonnx-testdata and files the tools in $TESSEL_BIN (default
# build-sanitize/bin) make.
#   scripts/fuzz-seeds.sh TARGET DIR
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1 dir=$2
bin=${TESSEL_BIN:-build-sanitize/bin}
testdata=/usr/share/libonnx-testdata/data/node
# Small .npy files of every dtype tessel reads, in each format version.
npy_seeds() {
  /usr/bin/python3 - "$1" <<'PY'
import sys
import numpy as np
out = sys.argv[1]
shapes = [(), (0,), (3,), (2, 3), (1, 2, 2, 2)]
dtypes = ["<f2", "<f4", "<f8", "|i1", "<i2", "<i4", "<i8",
          "|u1", "<u2", "<u4", "<u8", "|b1"]
rng = np.random.default_rng(0)
for d in dtypes:
    for i, s in enumerate(shapes):
        a = (rng.standard_normal(s) * 4).astype(d)
        for v in ((1, 0), (2, 0), (3, 0)) if i == 3 else ((1, 0),):
            name = f"{out}/{d[1:]}-{i}-v{v[0]}.npy"
            with open(name, "wb") as f:
                np.lib.format.write_array(f, a, version=v)
PY
}
case "$target" in
  onnx-import)
    cp test/Target/ONNX/*.onnxtext examples/*.onnxtext "$dir"/ 2>/dev/null || true
    mapfile -t seeds < <(find "$testdata" -name model.onnx -size -4k | sort)
    for f in "${seeds[@]:0:300}"; do
      cp "$f" "$dir/$(basename "$(dirname "$f")").onnx"
    done ;;
  npy)
    npy_seeds "$dir" ;;
  tensorproto)
    mapfile -t seeds < <(find "$testdata" -name 'input_*.pb' -size -4k | sort)
    for f in "${seeds[@]:0:400}"; do
      cp "$f" "$dir/$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"
    done ;;
  tq)
    # Every format family, per tensor and per channel (the quantize tests').
    tmp=$(mktemp -d)
    npy_seeds "$tmp"
    for fmt in int8 int4 flint4 ovpint4 mxint8 mxfp4_e2m1 bfp8_16; do
      for x in f4-3-v1 f4-4-v1; do
        "$bin/tessel-quant" encode --format "$fmt" --scale-search \
          "$tmp/$x.npy" -o "$dir/$fmt-$x.tq" >/dev/null 2>&1 ||
        "$bin/tessel-quant" encode --format "$fmt" \
          "$tmp/$x.npy" -o "$dir/$fmt-$x.tq" >/dev/null
        "$bin/tessel-quant" encode --format "$fmt" --scale-search --axis 0 \
          "$tmp/$x.npy" -o "$dir/$fmt-$x-axis0.tq" >/dev/null 2>&1 || true
      done
    done
    rm -rf "$tmp" ;;
  gemmini-bin)
    # The program file of every test module holding one program, and of
    # 200 random valid programs (every instruction kind, both presets).
    for f in $(grep -rl "gemmini.program" test --include='*.mlir' | sort); do
      "$bin/tessel-translate" --gemmini-to-bin "$f" \
        -o "$dir/$(basename "$f" .mlir).bin" 2>/dev/null || true
    done
    tmp=$(mktemp -d)
    /usr/bin/python3 python/tessel/gemmini_random_programs.py 1-150 "$tmp" --tessel-translate "$bin/tessel-translate" >/dev/null
    /usr/bin/python3 python/tessel/gemmini_random_programs.py 1-50 "$tmp" --dim 8 --tessel-translate "$bin/tessel-translate" >/dev/null
    for p in "$tmp"/s*; do
      "$bin/tessel-translate" --gemmini-to-bin "$p/prog.mlir" \
        -o "$dir/random-$(basename "$p").bin"
    done
    rm -rf "$tmp" ;;
  run-front)
    find test -name '*.mlir' -size -16k -exec cp {} "$dir"/ \; ;;
esac
echo "fuzz-seeds.sh: $(ls "$dir" | wc -l) seeds for $target"
