"""Compiles the libonnx-testdata node cases of the array's layers for Gemmini
and checks each program bit-exact against its accelerator form.

  compile_conformance.py --importer build/bin/tessel-import-onnx \\
      --opt build/bin/tessel-opt --runner build/bin/tessel-run \\
      [--markdown docs/compile-coverage.md] [--write-expected FILE] \\
      [--check FILE] [--cases PATTERN]

Cases: every node case whose model has a Conv, Gemm or MatMul (float,
quantized with --qt-quantize: int8, signed activations, calibrated on the
case's own input) or a QLinearConv, QLinearMatMul, ConvInteger or
MatMulInteger (mapped with --qt-from-qdq). Every input but the first is
bound as a constant (weights, bias, scales, zero points: what a compiled
layer holds). Then --tessel-accelerator-form (the reference),
--tessel-to-gemmini and `tessel-run --compare` of the two on the case's
input. A case compiles when the module calls a program and its outputs are
bit-identical; any other case records the stage, the message and a reason
class. The accelerator form's outputs are also compared with the quantized
model's (in output steps: the scale of the value the output dequantizes) and
with ONNX's expected output.

--check FILE fails (exit 1) when a case's result is not FILE's, or a case
crashes, differs from its accelerator form or fails for an unclassified
reason, or a compiled case's accelerator form is more than one output step
from the quantized model, or (for the QLinear and Integer ops, whose
outputs are ONNX's integers) more than one from ONNX's expected output;
ConvInteger and MatMulInteger must match it exactly.
"""
import collections
import concurrent.futures
import fnmatch
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import numpy_helper  # noqa: E402

from tessel import onnx_import_coverage, onnx_testdata  # noqa: E402

FLOAT_OPS = {"Conv", "Gemm", "MatMul"}
# The quantized ops and the positions of their zero-point inputs.
ZERO_POINTS = {"QLinearConv": (2, 5, 7), "QLinearMatMul": (2, 5, 7),
               "ConvInteger": (2, 3), "MatMulInteger": (2, 3)}
TARGET = "--tessel-to-gemmini=target=gemmini-default policy=gemmini"
COMPILED = "bit-exact"
# Messages of limitations, matched in order: their class and what it means.
# A failure matching none is unclassified: a bug until it has a stated reason.
REASONS = [
    (r"only 2-D convolutions", "conv not 2-D",
     "the array runs 2-D convolutions; 1-D and 3-D ones stay on the host"),
    (r"broadcast batch dimensions", "broadcast batch matmul",
     "the weight of a batched product is shared or has the input's batch"),
    (r"1-D matmul operand", "1-D matmul", "a 1-D operand has no lowering"),
    (r"alpha (or|and) beta", "gemm alpha or beta not 1",
     "--qt-quantize quantizes plain products only (alpha and beta could "
     "fold into the weight's and the bias's scales; nothing does that yet)"),
    (r"bias is not one value per output channel", "bias not one per output channel",
     "tile.matmul adds one bias per output channel"),
    (r"product is a float result", "float product (bias not one per channel)",
     "--qt-quantize keeps the product float when the bias is neither one "
     "value per output channel nor a single value (Gemm's C of M x N), "
     "since the array adds one int32 bias per output column"),
    (r"is not 8-bit", "not 8-bit", "the array multiplies 8-bit integers"),
    (r"zero point", "zero point",
     "zero points fold into the weight's integers and the bias at compile "
     "time, so they need both constant"),
]
BUGS = ("crash", "not bit-exact", "unclassified")


def classify(message):
    if message.startswith("CRASH"):
        return "crash"
    for pattern, reason, _ in REASONS:
        if re.search(pattern, message):
            return reason
    return "unclassified"


def case_values(model, case_dir):
    """Initializers and data set 0's inputs, by name."""
    values = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    for k, inp in enumerate(onnx_testdata.graph_inputs(model)):
        values[inp.name] = onnx_testdata.load_tensor(
            os.path.join(case_dir, "test_data_set_0", f"input_{k}.pb"))
    return values


def host_reason(model, node, case_dir):
    """Why the layer `node` stayed on the host, from the case's ONNX data."""
    attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
    alpha, beta = attrs.get("alpha", 1.0), attrs.get("beta", 1.0)
    if node.op_type == "Gemm" and (alpha != 1 or beta != 1):
        return (f"--qt-quantize leaves a Gemm with alpha or beta not 1 float "
                f"(alpha {alpha:g}, beta {beta:g})")
    if node.op_type in ZERO_POINTS:
        values = case_values(model, case_dir)
        ints = [values[n] for n in node.input if n and values[n].dtype.kind in "iu"]
        zps = [int(values[node.input[i]].ravel()[0]) for i in ZERO_POINTS[node.op_type]
               if i < len(node.input) and node.input[i]]
        kinds = sorted({v.dtype.name for v in ints})
        what = "/".join(kinds) + " operands"
        if any(zps):
            what += f" with zero points {zps}"
        return f"--qt-from-qdq keeps {node.op_type} on the host: {what}"
    return f"{node.op_type} stays on the host"


def dequantized_steps(mlir_path):
    """Per output of the function: (scales, axis) of the !quant.uniform value
    it dequantizes, or None."""
    text = open(mlir_path).read()
    ret = re.search(r"return ([^:]*):", text)
    steps = []
    for v in ret.group(1).replace(" ", "").split(",") if ret else []:
        m = re.search(re.escape(v) + r" = qt\.dequantize \S+ : tensor<[^!]*!quant\.uniform"
                      r"<[^:]+:f32(?::(\d+))?, \{?([^}>]*)\}?>>", text)
        if not m:
            steps.append(None)
            continue
        scales = [float(s.split(":")[0]) for s in m.group(2).split(",")]
        steps.append((np.array(scales), int(m.group(1)) if m.group(1) else None))
    return steps


def step_array(step, shape):
    """The step of every element of an output of `shape`."""
    scales, axis = step
    if axis is None:
        return np.full(shape, scales[0])
    view = [1] * len(shape)
    view[axis] = len(scales)
    return np.broadcast_to(scales.reshape(view), shape)


def deviation(got, ref, step=None):
    """Max abs difference, and in output steps when `step` is known."""
    diff = np.abs(got.astype(np.float64) - ref.astype(np.float64))
    result = dict(max_abs=float(diff.max()) if diff.size else 0.0)
    if step is not None and diff.size:
        result["steps"] = float((diff / step_array(step, diff.shape)).max())
    return result


def run_outputs(runner, mlir, inputs, out_dir, names):
    """Runs `mlir`; its outputs by name, or the error message."""
    ok, out = onnx_testdata.run_tool([runner, mlir, "--output-dir", out_dir, *inputs], 300)
    if not ok:
        return out
    return [np.load(onnx_testdata.output_path(out_dir, n)) for n in names]


def compile_case(tools, name, case_dir, tmp):
    """The record of one case: its result (COMPILED or a reason class), the
    failing stage and message, and the accelerator form's deviations."""
    model = onnx.load(os.path.join(case_dir, "model.onnx"))
    node = next(n for n in model.graph.node
                if n.op_type in FLOAT_OPS or n.op_type in ZERO_POINTS)
    op = node.op_type
    record = dict(case=f"node/{name}", op=op, result=COMPILED, stage="", message="")

    def fail(stage, message):
        record.update(result=classify(message), stage=stage, message=message)
        return record

    data = os.path.join(case_dir, "test_data_set_0")
    inputs = onnx_testdata.graph_inputs(model)
    first = inputs[0].name
    frozen = [(i.name, os.path.join(data, f"input_{k}.pb"))
              for k, i in enumerate(inputs) if k > 0]
    run_inputs = ["--input", f"{first}={os.path.join(data, 'input_0.pb')}"]
    path = {s: os.path.join(tmp, f"{s}.mlir") for s in ("float", "quant", "accel", "gemmini")}
    ok, message = onnx_import_coverage.run_import(
        tools.importer, os.path.join(case_dir, "model.onnx"), frozen, path["float"],
        ["--mlir-print-debuginfo"])
    if not ok:
        return fail("import", message)
    if op in ZERO_POINTS:
        quantize = "--qt-from-qdq"
    else:
        calib = os.path.join(tmp, "calib.npy")
        np.save(calib, onnx_testdata.load_tensor(os.path.join(data, "input_0.pb")))
        quantize = f"--qt-quantize=scheme=int8 activations=signed calib={first}={calib}"
    stages = [("quantize", "float", "quant", quantize),
              ("accelerator form", "quant", "accel", "--tessel-accelerator-form"),
              ("tessel-to-gemmini", "quant", "gemmini", TARGET)]
    for stage, src, dst, flag in stages:
        ok, message = onnx_testdata.run_tool(
            [tools.opt, path[src], flag, "--mlir-print-debuginfo", "-o", path[dst]], 300)
        if not ok:
            return fail(stage, message)
    if "gemmini.call" not in open(path["gemmini"]).read():
        return fail("tessel-to-gemmini", "no program: " + host_reason(model, node, case_dir))

    ok, message = onnx_testdata.run_tool(
        [tools.runner, path["gemmini"], "--compare", path["accel"], *run_inputs], 300)
    if not ok:
        record.update(result="not bit-exact" if " differ" in message else classify(message),
                      stage="run", message=message)

    names = [o.name for o in model.graph.output]
    outs = {s: run_outputs(tools.runner, path[s], run_inputs, os.path.join(tmp, s), names)
            for s in ("quant", "accel")}
    if all(isinstance(o, list) for o in outs.values()):
        steps = dequantized_steps(path["quant"])
        expected = [onnx_testdata.load_tensor(os.path.join(data, f"output_{k}.pb"))
                    for k in range(len(names))]
        record["vs_quant"] = [deviation(a, q, s) for a, q, s in
                              zip(outs["accel"], outs["quant"], steps)]
        record["vs_onnx"] = [deviation(a, e, s) for a, e, s in
                             zip(outs["accel"], expected, steps)]
    return record


def node_cases(root, pattern):
    """(name, directory) of the node cases with one of the layers."""
    for _, name, case_dir in onnx_testdata.cases(root, ("node",)):
        if not fnmatch.fnmatch(f"node/{name}", pattern):
            continue
        ops = set(onnx_testdata.op_types(onnx.load(os.path.join(case_dir, "model.onnx"))))
        if ops & (FLOAT_OPS | set(ZERO_POINTS)):
            yield name, case_dir


def fmt_deviation(devs):
    if not devs:
        return "-"
    d = max(devs, key=lambda d: d["max_abs"])
    steps = f" ({d['steps']:.3g} steps)" if "steps" in d else ""
    return f"{d['max_abs']:.3g}{steps}"


def write_markdown(results, path):
    by_op = collections.defaultdict(collections.Counter)
    for r in results:
        by_op[r["op"]][r["result"]] += 1
    reasons = sorted({r["result"] for r in results} - {COMPILED})
    compiled = sum(r["result"] == COMPILED for r in results)
    lines = ["# Compiling ONNX's node cases for Gemmini", "",
             "Each libonnx-testdata node case of Conv, Gemm and MatMul (quantized with",
             "`--qt-quantize=\"scheme=int8 activations=signed\"`, calibrated on the case's",
             "input) and of QLinearConv, QLinearMatMul, ConvInteger and MatMulInteger",
             "(`--qt-from-qdq`), with every input but the first bound as a constant,",
             "put in the accelerator form and compiled with `--tessel-to-gemmini`; the",
             "programs run in the simulator and are compared bit for bit with the",
             "accelerator form. Regenerate with", "", "```sh",
             "python3 python/tessel/compile_conformance.py --importer build/bin/tessel-import-onnx \\",
             "    --opt build/bin/tessel-opt --runner build/bin/tessel-run \\",
             "    --markdown docs/compile-coverage.md \\",
             "    --write-expected test/Run/Compile/onnx-node-cases-expected.txt",
             "```", "",
             f"- cases: {len(results)}; compiled and bit-exact {compiled}, "
             f"not compiled {len(results) - compiled}",
             "", "## Per operator", "",
             "| " + " | ".join(["op", "bit-exact", *reasons]) + " |",
             "|" + "---|" * (2 + len(reasons))]
    for op in sorted(by_op):
        c = by_op[op]
        cells = [op, str(c[COMPILED]), *(str(c[r]) for r in reasons)]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Reasons", ""]
    lines += [f"- {reason}: {meaning}." for _, reason, meaning in REASONS if reason in reasons]
    lines += ["", "## Cases", "",
              "Deviations are the accelerator form's largest absolute difference from",
              "the quantized model and from ONNX's expected output, in steps of the",
              "value the output dequantizes (the accumulator's scale) where known.", "",
              "| case | result | stage: message | vs quantized | vs ONNX |",
              "|---|---|---|---|---|"]
    for r in results:
        where = f"{r['stage']}: {r['message']}".replace("|", "/") if r["stage"] else ""
        lines.append(f"| {r['case']} | {r['result']} | {where} | "
                     f"{fmt_deviation(r.get('vs_quant'))} | {fmt_deviation(r.get('vs_onnx'))} |")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def write_expected(path, results):
    with open(path, "w") as f:
        f.write("# Each case's result: bit-exact, or the reason class it does not "
                "compile;\n# compile_conformance.py --check keeps them so.\n")
        for r in sorted(results, key=lambda r: r["case"]):
            f.write(f"{r['case']} {r['result']}\n")


def deviation_problem(record):
    """Why a compiled case's accelerator form is too far from the quantized
    model or ONNX's output, or None (see --check)."""
    if "vs_quant" not in record:
        return "its outputs were not compared"
    worst = max((d.get("steps", d["max_abs"]) for d in record["vs_quant"]), default=0)
    if worst > 1:
        return f"the accelerator form is {worst:g} steps from the quantized model"
    if record["op"] in ZERO_POINTS:
        off = max((d["max_abs"] for d in record["vs_onnx"]), default=0)
        limit = 1 if record["op"].startswith("QLinear") else 0
        if off > limit:
            return f"the accelerator form is {off:g} from ONNX's output (at most {limit})"
    return None


def check_expected(path, results):
    """Prints a MISMATCH line per case whose result is not the expected one
    or is a bug, then the counts; returns the number of such cases."""
    with open(path) as f:
        expected = dict(l.strip().split(" ", 1) for l in f
                        if l.strip() and not l.startswith("#"))
    bad = 0
    for r in results:
        want = expected.pop(r["case"], "missing from the expected list")
        if r["result"] != want or r["result"] in BUGS:
            bad += 1
            print(f"MISMATCH {r['case']}: {r['result']} (expected {want}); "
                  f"{r['stage']}: {r['message']}")
        elif r["result"] == COMPILED and (why := deviation_problem(r)):
            bad += 1
            print(f"MISMATCH {r['case']}: {why}")
    for case in sorted(expected):
        bad += 1
        print(f"MISMATCH {case}: no such case")
    print(f"{len(results) - bad} as expected, {bad} differ")
    return bad


def main():
    ap = onnx_testdata.harness_parser(__doc__, ("importer", "opt", "runner"))
    args = ap.parse_args()

    def one(case):
        with tempfile.TemporaryDirectory() as tmp:
            return compile_case(args, *case, tmp)

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, node_cases(args.data, args.cases)))
    counts = collections.Counter(r["result"] for r in results)
    print(f"compiled {len(results)} cases: " +
          ", ".join(f"{counts[k]} {k}" for k in sorted(counts)))
    if args.markdown:
        write_markdown(results, args.markdown)
    if args.write_expected:
        write_expected(args.write_expected, results)
    return 1 if args.check and check_expected(args.check, results) else 0


if __name__ == "__main__":
    sys.exit(main())
