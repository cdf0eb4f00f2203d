"""Compiles each matrix product of a case file with tessel and compares the
program's commands with those gemmini.h issues for the same problem
(python/tessel/gemmini_matmul_commands.py):

    matmul_commands.py --tools BIN --sdk SDK CASES WORKDIR

Per case: a tile.matmul module (A IxK, B KxJ, the case's bias: one row,
or IxJ with full_bias; ReLU,
scale or int32 result, dataflow), --tessel-tile (dataflow=os for an
output-stationary case) --tessel-lower-to-gemmini, a tessel-run on zeros
that dumps the program, its assembly listing, and both command lists
written alike. Prints `NAME: N commands identical` or the first
difference."""
import argparse
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from commands_check import compare, run  # noqa: E402

COMMANDS = os.path.join(HERE, "..", "..", "..", "..", "python", "tessel",
                        "gemmini_matmul_commands.py")

ap = argparse.ArgumentParser()
ap.add_argument("--tools", required=True)
ap.add_argument("--sdk", required=True)
ap.add_argument("cases")
ap.add_argument("work")
a = ap.parse_args()
tool = lambda name: os.path.join(a.tools, name)


def module(name, m, n, k, flow, flags, scale):
    """The case as one tile.matmul; full_c keeps the int32 accumulator."""
    args = (f"%a: tensor<{m}x{k}xi8> {{onnx.name = \"a\"}}, "
            f"%b: tensor<{k}x{n}xi8> {{onnx.name = \"b\"}}")
    operands, types = "%a, %b", f"tensor<{m}x{k}xi8>, tensor<{k}x{n}xi8>"
    if "bias" in flags:
        bias = f"tensor<{m}x{n}xi32>" if "full_bias" in flags else f"tensor<{n}xi32>"
        args += f", %bias: {bias} {{onnx.name = \"bias\"}}"
        operands += ", %bias"
        types += f", {bias}"
    full = "full_c" in flags
    result = f"tensor<{m}x{n}x{'i32' if full else 'i8'}>"
    act = " activation relu" if "relu" in flags else ""
    df = " dataflow os" if flow == "os" else ""
    attrs = "" if full else f" {{acc_scale = array<f32: {scale}>}}"
    return (f"func.func @main({args}) -> {result} {{\n"
            f"  %0 = tile.matmul {operands}{act}{df}{attrs} : ({types}) -> {result} loc(\"{name}\")\n"
            f"  return %0 : {result}\n}}\n")


failed = False
for raw in open(a.cases):
    line = raw.split("#", 1)[0].split()
    if not line:
        continue
    name, words = line[0], line[1:]
    m, n, k = (int(x) for x in next(w for w in words if "x" in w).split("x"))
    flow = "os" if "os" in words else "ws"
    flags = {w for w in words if "=" not in w}
    scale = dict(w.split("=", 1) for w in words if "=" in w).get("scale", "1.0")
    d_ = os.path.join(a.work, name)
    os.makedirs(d_, exist_ok=True)
    open(f"{d_}/matmul.mlir", "w").write(module(name, m, n, k, flow, flags, scale))
    np.save(f"{d_}/a.npy", np.zeros((m, k), np.int8))
    np.save(f"{d_}/b.npy", np.zeros((k, n), np.int8))
    np.save(f"{d_}/bias.npy",
            np.zeros((m, n) if "full_bias" in flags else n, np.int32))
    tile = "--tessel-tile=dataflow=os" if flow == "os" else "--tessel-tile"
    run(tool("tessel-opt"), f"{d_}/matmul.mlir", tile, "--tessel-lower-to-gemmini",
        "-o", f"{d_}/lowered.mlir")
    inputs = ["--input", f"a={d_}/a.npy", "--input", f"b={d_}/b.npy"]
    if "bias" in flags:
        inputs += ["--input", f"bias={d_}/bias.npy"]
    run(tool("tessel-run"), f"{d_}/lowered.mlir", *inputs, "--output-dir", f"{d_}/out",
        "--dump-programs", f"{d_}/dump")
    prog = f"{d_}/dump/{name}/prog.mlir"
    if not compare(name, tool("tessel-translate"), COMMANDS, a.sdk, words, prog,
                   f"{d_}/prog.s"):
        failed = True
sys.exit(1 if failed else 0)
