"""Shared access to the ONNX backend test data Debian ships (libonnx-testdata).

Each case is a directory with model.onnx and test_data_set_*/input_N.pb,
output_N.pb. Inputs that behave like attributes (a Reshape target, Clip
bounds, Pad amounts) are given as graph inputs there; tessel compiles static
programs, so the harnesses bind those to their test values as constants.
"""
import os

import onnx
from onnx import numpy_helper

DATA_ROOT = "/usr/share/libonnx-testdata/data"
SUITES = ("node", "pytorch-converted", "pytorch-operator", "simple")


def cases(root=DATA_ROOT, suites=SUITES):
    """Yields (suite, name, directory) for every case, sorted."""
    for suite in suites:
        base = os.path.join(root, suite)
        if not os.path.isdir(base):
            continue
        for name in sorted(os.listdir(base)):
            d = os.path.join(base, name)
            if os.path.isfile(os.path.join(d, "model.onnx")):
                yield suite, name, d


def graph_inputs(model):
    """The graph inputs that are not initializers, in order (input_N order)."""
    inits = {i.name for i in model.graph.initializer}
    return [i for i in model.graph.input if i.name not in inits]


def op_types(model):
    """Default-domain op types of the main graph, as a sorted list."""
    return sorted({(n.domain or "") + ("::" if n.domain else "") + n.op_type
                   for n in model.graph.node})


def attribute_like_inputs(model, case_dir, include_first=False):
    """(name, path) of inputs that are rank <= 1 tensors, other than the first
    unless `include_first`: the shape, axes, pads, scales and bounds that
    exporters usually fold."""
    data = os.path.join(case_dir, "test_data_set_0")
    result = []
    for i, inp in enumerate(graph_inputs(model)):
        if (i == 0 and not include_first) or not inp.type.HasField("tensor_type"):
            continue
        path = os.path.join(data, f"input_{i}.pb")
        if not os.path.isfile(path):
            continue
        tensor = onnx.TensorProto()
        with open(path, "rb") as f:
            tensor.ParseFromString(f.read())
        if len(tensor.dims) <= 1:
            result.append((inp.name, path))
    return result


def load_tensor(path):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def write_expected(path, passing, what):
    """Writes the sorted list of passing cases (a regression baseline)."""
    with open(path, "w") as f:
        f.write(f"# Cases that {what}; --check keeps them so.\n")
        for case in sorted(passing):
            f.write(case + "\n")


def check_expected(path, passing, reasons):
    """Prints a REGRESSION line for every case listed in `path` that is not in
    `passing`, then 'N passed, M failed'; returns the number lost."""
    with open(path) as f:
        expected = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    lost = sorted(expected - set(passing))
    for case in lost:
        print(f"REGRESSION {case}: {reasons.get(case, 'case missing')}")
    gained = set(passing) - expected
    if gained:
        print(f"{len(gained)} cases pass that the expected list lacks; "
              "regenerate it with --write-expected")
    print(f"{len(expected) - len(lost)} passed, {len(lost)} failed")
    return len(lost)
