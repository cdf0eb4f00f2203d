"""Shared access to the ONNX backend test data Debian ships (libonnx-testdata).

Each case is a directory with model.onnx and test_data_set_*/input_N.pb,
output_N.pb. Inputs that behave like attributes (a Reshape target, Clip
bounds, Pad amounts) are given as graph inputs there; tessel compiles static
programs, so the harnesses bind those to their test values as constants.
"""
import argparse
import os
import subprocess

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


def harness_parser(doc, tools):
    """The options of a conformance harness: a path per tool in `tools`
    (required), the data root, a glob over suite/name, the outputs and the
    number of parallel jobs."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    for tool in tools:
        ap.add_argument(f"--{tool}", required=True)
    ap.add_argument("--data", default=DATA_ROOT)
    ap.add_argument("--cases", default="*", help="glob over suite/name")
    ap.add_argument("--markdown")
    ap.add_argument("--write-expected")
    ap.add_argument("--check")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    return ap


def run_tool(cmd, timeout=60):
    """Runs a tool: (True, its stdout), or (False, its first error line, or
    a CRASH note for an exit code other than 1, or a timeout)."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout} s"
    if proc.returncode == 0:
        return True, proc.stdout
    if proc.returncode != 1:
        return False, f"CRASH: exit code {proc.returncode}: {proc.stderr.strip()[:300]}"
    lines = [l for l in proc.stderr.splitlines() if "error:" in l]
    return False, (lines[0] if lines else proc.stderr.strip() or proc.stdout.strip())[:300]


def output_path(out_dir, name):
    """The .npy file tessel-run --output-dir writes for output `name`."""
    fname = "".join(c if c.isalnum() or c in "_-." else "_" for c in name)
    return os.path.join(out_dir, fname + ".npy")


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
