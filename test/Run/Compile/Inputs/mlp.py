"""Writes a seeded 3-layer MLP (Gemm, Relu, Gemm, Relu, Gemm) as ONNX, its
calibration and test inputs, and checks results: `mlp.py make DIR`,
`mlp.py cosine FLOAT.npy OTHER.npy MIN`."""
import sys

import numpy as np

if sys.argv[1] == "cosine":
    a = np.load(sys.argv[2]).astype(np.float64).ravel()
    b = np.load(sys.argv[3]).astype(np.float64).ravel()
    c = a @ b / np.linalg.norm(a) / np.linalg.norm(b)
    assert c >= float(sys.argv[4]), c
    print("cosine ok")
    sys.exit(0)

import onnx
from onnx import TensorProto, helper, numpy_helper

d = sys.argv[2]
r = np.random.default_rng(3)
sizes = [64, 96, 80, 10]
nodes, inits = [], []
x = "x"
for i in range(3):
    w = (r.standard_normal((sizes[i + 1], sizes[i])) / np.sqrt(sizes[i])).astype(np.float32)
    b = (0.1 * r.standard_normal(sizes[i + 1])).astype(np.float32)
    inits += [numpy_helper.from_array(w, f"w{i}"), numpy_helper.from_array(b, f"b{i}")]
    y = f"fc{i}" if i == 2 else f"h{i}"
    nodes.append(helper.make_node("Gemm", [x, f"w{i}", f"b{i}"], [y], name=f"fc{i}", transB=1))
    if i < 2:
        nodes.append(helper.make_node("Relu", [y], [f"r{i}"], name=f"relu{i}"))
        y = f"r{i}"
    x = y
graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [8, 64])],
                          [helper.make_tensor_value_info("fc2", TensorProto.FLOAT, [8, 10])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, f"{d}/mlp.onnx")
np.save(f"{d}/calib.npy", r.standard_normal((8, 64)).astype(np.float32))
np.save(f"{d}/x.npy", r.standard_normal((8, 64)).astype(np.float32))
