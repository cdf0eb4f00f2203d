"""Compiles each convolution of a case file with tessel and compares the
program's commands with those gemmini.h issues for the same layer
(python/tessel/gemmini_conv_commands.py):

    conv_commands.py --tools BIN --spike-sdk SDK CASES WORKDIR

Per case: a tile.conv module (NCHW input, OIHW weights, the case's bias,
scale, ReLU and pooling), --tile-conv-to-matmul=conv-loops=all --tessel-tile
--tessel-lower-to-gemmini, a tessel-run on zeros that dumps the program,
its assembly listing, and both command lists written alike. Prints
`NAME: N commands identical` or the first difference."""
import argparse
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from commands_check import compare, run  # noqa: E402

COMMANDS = os.path.join(HERE, "..", "..", "..", "..", "python", "tessel",
                        "gemmini_conv_commands.py")

ap = argparse.ArgumentParser()
ap.add_argument("--tools", required=True)
ap.add_argument("--sdk", required=True)
ap.add_argument("cases")
ap.add_argument("work")
a = ap.parse_args()
tool = lambda name: os.path.join(a.tools, name)

failed = False
for raw in open(a.cases):
    line = raw.split("#", 1)[0].split()
    if not line:
        continue
    name, words = line[0], line[1:]
    f = dict(w.split("=", 1) for w in words if "=" in w)
    flags = {w for w in words if "=" not in w}
    n = int(f["batch"])
    h, w, c = (int(x) for x in f["in"].split("x"))
    o, k = int(f["och"]), int(f["kernel"])
    s, p, d = int(f.get("stride", 1)), int(f.get("pad", 0)), int(f.get("kdil", 1))
    g = int(f.get("groups", 1))
    dk = k + (d - 1) * (k - 1)
    oh, ow = (h + 2 * p - dk) // s + 1, (w + 2 * p - dk) // s + 1
    pool = ""
    if "pool" in f:
        ps, pst, pp = (int(x) for x in f["pool"].split(","))
        oh, ow = (oh + 2 * pp - ps) // pst + 1, (ow + 2 * pp - ps) // pst + 1
        pool = f"pool = array<i64: {ps}, {pst}, {pp}>, "
    d_ = os.path.join(a.work, name)
    os.makedirs(d_, exist_ok=True)
    wshape = f"{o}x{c // g}x{k}x{k}"
    bias = "bias" in flags
    args = f"%x: tensor<{n}x{c}x{h}x{w}xi8> {{onnx.name = \"x\"}}, %w: tensor<{wshape}xi8> {{onnx.name = \"w\"}}"
    operands, types = "%x, %w", f"tensor<{n}x{c}x{h}x{w}xi8>, tensor<{wshape}xi8>"
    if bias:
        args += f", %b: tensor<{o}xi32> {{onnx.name = \"b\"}}"
        operands += ", %b"
        types += f", tensor<{o}xi32>"
    result = f"tensor<{n}x{o}x{oh}x{ow}xi8>"
    act = " activation relu" if "relu" in flags else ""
    open(f"{d_}/conv.mlir", "w").write(
        f"func.func @main({args}) -> {result} {{\n"
        f"  %0 = tile.conv {operands}{act} {{acc_scale = array<f32: {f.get('scale', '1.0')}>, "
        f"groups = {g} : i64, {pool}strides = array<i64: {s}, {s}>, pads = array<i64: {p}, {p}, {p}, {p}>, "
        f"dilations = array<i64: {d}, {d}>}} : ({types}) -> {result} loc(\"{name}\")\n"
        f"  return %0 : {result}\n}}\n")
    np.save(f"{d_}/x.npy", np.zeros((n, c, h, w), np.int8))
    np.save(f"{d_}/w.npy", np.zeros((o, c // g, k, k), np.int8))
    np.save(f"{d_}/b.npy", np.zeros(o, np.int32))
    run(tool("tessel-opt"), f"{d_}/conv.mlir", "--tile-conv-to-matmul=conv-loops=all",
        "--tessel-tile", "--tessel-lower-to-gemmini", "-o", f"{d_}/lowered.mlir")
    inputs = ["--input", f"x={d_}/x.npy", "--input", f"w={d_}/w.npy"]
    if bias:
        inputs += ["--input", f"b={d_}/b.npy"]
    run(tool("tessel-run"), f"{d_}/lowered.mlir", *inputs, "--output-dir", f"{d_}/out",
        "--dump-programs", f"{d_}/dump")
    prog = f"{d_}/dump/{name}/prog.mlir"
    if not compare(name, tool("tessel-translate"), COMMANDS, a.sdk, words, prog,
                   f"{d_}/prog.s"):
        failed = True
sys.exit(1 if failed else 0)
