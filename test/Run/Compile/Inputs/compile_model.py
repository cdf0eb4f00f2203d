"""Compiles an exported model directory (model.onnx, input.npy) for Gemmini
and checks it:
`compile_model.py --tools BIN [--granularity G] [--activations A] [--min-cosine C] [--check-choice] [--expand] DIR`.

Import, fold batch norm, quantize int8 (signed activations, or with
--activations auto uint8 ones where never negative; calibrated on
input.npy, max-abs scales; weights per channel, or per tensor with
--granularity per-tensor), the accelerator form, --tessel-to-gemmini with
each tile policy (convolutions under policy=gemmini as Gemmini's
loop_conv_ws where it runs them: it writes int8 through one scale); then each compiled module runs with --compare against the
accelerator form (whose output lines are printed) and, with --min-cosine, its output is checked
against the float model's. With --check-choice, the cost policy's choice
between Gemmini's convolution loop and im2col is checked layer by layer
against both, each compiled and run: no layer slower than under
policy=gemmini, none more than 10% (the cost model's tolerance) slower
than im2col with the cost policy's tiles. With --expand, the cost policy's
tiles also go through the explicit tiled form (expand=true) into
gemmini-tiles.mlir, compared the same way."""
import json
import argparse
import os
import subprocess
import sys

import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--tools", required=True)
ap.add_argument("--min-cosine", type=float)
ap.add_argument("--granularity", default="per-channel")
ap.add_argument("--activations", default="signed")
ap.add_argument("--check-choice", action="store_true")
ap.add_argument("--expand", action="store_true")
ap.add_argument("dir")
a = ap.parse_args()
d = a.dir
tool = lambda name: os.path.join(a.tools, name)


def run(*args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{p.stdout}{p.stderr}")
    return p.stdout


keep = "--mlir-print-debuginfo"
run(tool("tessel-import-onnx"), f"{d}/model.onnx", keep, "-o", f"{d}/float.mlir")
run(tool("tessel-opt"), f"{d}/float.mlir", "--nn-fold-batch-norm",
    f"--qt-quantize=scheme=int8 granularity={a.granularity} activations={a.activations} search=max "
    f"calib=input={d}/input.npy",
    keep, "-o", f"{d}/quant.mlir")
run(tool("tessel-opt"), f"{d}/quant.mlir", "--tessel-accelerator-form", keep, "-o", f"{d}/accel.mlir")
inp = f"input={d}/input.npy"


def layer_cycles(module):
    """The simulator's cycles per layer (its ONNX node) of a compiled module."""
    run(tool("tessel-run"), module, "--input", inp, "--stats-json", module + ".json")
    cycles = {}
    for r in json.load(open(module + ".json"))["reports"]:
        cycles[r["layer"]] = cycles.get(r["layer"], 0) + r["counters"]["cycles"]
    return cycles


# Both tile policies; the cost policy's programs are compared as well.
cycles = {}
variants = [("cost", "gemmini-cost", ""), ("gemmini", "gemmini", "")]
if a.expand:
    variants.append(("cost", "gemmini-tiles", " expand=true"))
for policy, out, more in variants:
    run(tool("tessel-opt"), f"{d}/quant.mlir",
        f"--tessel-to-gemmini=target=gemmini-default policy={policy}{more}",
        keep, "-o", f"{d}/{out}.mlir")
    text = open(f"{d}/{out}.mlir").read()
    programs = text.count("gemmini.program @")
    host = text.count("= tile.conv ")
    loops = sum("gemmini.loop_conv_ws " in p for p in text.split("gemmini.program @")[1:])
    print(f"policy {policy}{more}: {programs} programs" + (f", {loops} convolution loops" if loops else "")
          + (f", {host} host tile.conv" if host else ""))
    print(run(tool("tessel-run"), f"{d}/{out}.mlir", "--compare", f"{d}/accel.mlir", "--input", inp,
              "--output-dir", f"{d}/{out}"), end="")
    if a.check_choice:
        cycles[out] = layer_cycles(f"{d}/{out}.mlir")
if a.check_choice:
    run(tool("tessel-opt"), f"{d}/quant.mlir",
        "--tessel-to-gemmini=target=gemmini-default policy=cost conv=im2col", keep,
        "-o", f"{d}/im2col.mlir")
    im2col = layer_cycles(f"{d}/im2col.mlir")
    cost, loop = cycles["gemmini-cost"], cycles["gemmini"]
    assert cost.keys() == loop.keys() == im2col.keys()
    slower = [k for k in cost if cost[k] > loop[k]]
    assert not slower, [(k, cost[k], loop[k]) for k in slower]
    worse = [k for k in cost if cost[k] > 1.1 * im2col[k]]
    assert not worse, [(k, cost[k], im2col[k]) for k in worse]
    print(f"choice: {len(cost)} layers, none slower than policy gemmini or "
          f"10% slower than im2col; {sum(cost[k] < loop[k] for k in cost)} faster than policy gemmini")
if a.min_cosine is not None:
    run(tool("tessel-run"), f"{d}/float.mlir", "--input", inp, "--output-dir", f"{d}/float")
    f = np.load(f"{d}/float/output.npy").astype(np.float64).ravel()
    g = np.load(f"{d}/gemmini/output.npy").astype(np.float64).ravel()
    c = f @ g / np.linalg.norm(f) / np.linalg.norm(g)
    assert c >= a.min_cosine, c
    print(f"cosine to the float model: {c:.6f}")
