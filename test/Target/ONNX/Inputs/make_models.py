"""Writes the binary ONNX models the import tests need into a directory.

Built with onnx.helper so the tests exercise the binary protobuf path, named
nodes, initializers (small and large), and external data.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(model, path, **kwargs):
    onnx.checker.check_model(model)
    onnx.save(model, path, **kwargs)


def conv_model():
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(rng.standard_normal((8, 3, 3, 3)).astype(np.float32), "conv1.weight")
    b = numpy_helper.from_array(np.arange(8, dtype=np.float32), "conv1.bias")
    nodes = [
        helper.make_node("Conv", ["input", "conv1.weight", "conv1.bias"], ["c"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["output"], name="relu1"),
    ]
    graph = helper.make_graph(
        nodes, "convnet",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 3, 8, 8])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 8, 8, 8])],
        [w, b])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def mismatch_model():
    nodes = [helper.make_node("Add", ["a", "b"], ["y"], name="bad_add")]
    graph = helper.make_graph(
        nodes, "mismatch",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, [4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def main(out):
    os.makedirs(out, exist_ok=True)
    save(conv_model(), os.path.join(out, "conv.onnx"))
    # The same model with its weights in a side file.
    ext = conv_model()
    onnx.save(ext, os.path.join(out, "conv_external.onnx"), save_as_external_data=True,
              all_tensors_to_one_file=True, location="conv_external.bin", size_threshold=0)
    # The side file cut short: the weights no longer fit.
    broken = conv_model()
    onnx.save(broken, os.path.join(out, "conv_external_short.onnx"), save_as_external_data=True,
              all_tensors_to_one_file=True, location="conv_external_short.bin", size_threshold=0)
    with open(os.path.join(out, "conv_external_short.bin"), "r+b") as f:
        f.truncate(100)
    save(mismatch_model(), os.path.join(out, "mismatch.onnx"))
    data = open(os.path.join(out, "conv.onnx"), "rb").read()
    open(os.path.join(out, "truncated.onnx"), "wb").write(data[: len(data) // 2])
    garbage = bytes((i * 37 + 11) % 256 for i in range(256))
    open(os.path.join(out, "garbage.onnx"), "wb").write(garbage)


if __name__ == "__main__":
    main(sys.argv[1])
