"""Imports every libonnx-testdata case with tessel-import-onnx.

  onnx_import_coverage.py --importer build/bin/tessel-import-onnx \
      [--markdown docs/onnx-import.md] [--write-expected FILE] [--check FILE]

--check fails (exit 1) when a case listed in FILE no longer imports: the
regression test of the importer. --markdown writes the coverage page: per op,
the cases that import and those that do not, with the importer's reason.
"""
import argparse
import collections
import concurrent.futures
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import onnx  # noqa: E402

from tessel import onnx_testdata  # noqa: E402

# The operators of the nn dialect's ONNX coverage (plus the shape-only ops
# the importer folds).
SUPPORTED = {
    "Conv", "ConvTranspose", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div",
    "Pow", "Relu", "LeakyRelu", "Clip", "Sigmoid", "Tanh", "Erf", "Sqrt",
    "Exp", "Softmax", "LayerNormalization", "BatchNormalization", "MaxPool",
    "AveragePool", "GlobalAveragePool", "ReduceMean", "ReduceSum",
    "ReduceMax", "Reshape", "Flatten", "Transpose", "Concat", "Split",
    "Slice", "Gather", "Squeeze", "Unsqueeze", "Pad", "Resize", "Upsample",
    "Identity", "Dropout", "Cast", "QuantizeLinear", "DequantizeLinear",
    "QLinearConv", "QLinearMatMul", "MatMulInteger", "ConvInteger",
    "Constant", "Shape", "Size", "ConstantOfShape", "Range", "Equal",
    "Where", "Expand", "HardSigmoid", "HardSwish", "Mod", "Neg", "Abs",
    "Sign", "Floor", "Ceil", "Round", "Reciprocal", "Log", "Softplus",
    "Softsign", "Elu", "Selu", "Celu", "ThresholdedRelu", "PRelu", "Min",
    "Max", "Mean", "Sum", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
    "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin",
    "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor",
    "Not", "ScatterND", "CumSum", "LRN", "Einsum", "Sin", "Cos", "Tan",
    "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
    "LogSoftmax", "DepthToSpace", "SpaceToDepth", "Tile", "InstanceNormalization",
}


def run_import(importer, model_path, frozen, output=os.devnull, extra=()):
    cmd = [importer, model_path, "-o", output, *extra]
    for name, path in frozen:
        cmd += ["--freeze-input", f"{name}={path}"]
    ok, out = onnx_testdata.run_tool(cmd)
    return ok, "" if ok else out


def import_case(importer, suite, name, case_dir, output=os.devnull):
    """Imports a case (binding attribute-like inputs when the plain import
    asks for them) into `output`; returns its record."""
    model_path = os.path.join(case_dir, "model.onnx")
    try:
        model = onnx.load(model_path)
        ops = onnx_testdata.op_types(model)
    except Exception as e:  # a model the Python package itself cannot read
        return dict(case=f"{suite}/{name}", ops=[], ok=False, frozen=[],
                    reason=f"onnx.load failed: {e}")
    ok, reason = run_import(importer, model_path, [], output)
    frozen = []
    # Attribute-like inputs first; then the first input too, for cases whose
    # whole graph is a shape computation (Range, ConstantOfShape, ...).
    for include_first in (False, True):
        if ok or "at import" not in reason:
            break
        candidate = onnx_testdata.attribute_like_inputs(model, case_dir, include_first)
        if candidate and candidate != frozen:
            frozen = candidate
            ok, reason = run_import(importer, model_path, frozen, output)
    # The reason names the model file only; drop that prefix for the page.
    reason = reason.replace("model.onnx: ", "")
    return dict(case=f"{suite}/{name}", ops=ops, ok=ok, reason=reason,
                frozen=[n for n, _ in frozen])


def write_markdown(results, path):
    by_op = collections.defaultdict(lambda: {"ok": [], "fail": []})
    for r in results:
        for op in r["ops"]:
            by_op[op]["ok" if r["ok"] else "fail"].append(r)
    supported_cases = [r for r in results if r["ops"] and set(r["ops"]) <= SUPPORTED]
    lines = [
        "# ONNX import coverage",
        "",
        "Every case of Debian's libonnx-testdata (suites node, pytorch-converted,",
        "pytorch-operator, simple) imported with `tessel-import-onnx`. Regenerate with",
        "",
        "```sh",
        "python3 python/tessel/onnx_import_coverage.py --importer build/bin/tessel-import-onnx \\",
        "    --markdown docs/onnx-import.md --write-expected test/Target/ONNX/onnx-testdata-expected.txt",
        "```",
        "",
        "Inputs that act as attributes (rank <= 1 inputs after the first, e.g. a",
        "Reshape target or Resize sizes) are bound to their test values with",
        "`--freeze-input` when the plain import asks for them.",
        "",
        f"- cases: {len(results)}, importing: {sum(r['ok'] for r in results)}",
        f"- cases whose ops are all supported: {len(supported_cases)}, importing: "
        f"{sum(r['ok'] for r in supported_cases)}",
        "",
        "## Supported operators",
        "",
        "| op | cases importing | cases failing |",
        "|---|---|---|",
    ]
    for op in sorted(SUPPORTED):
        entry = by_op.get(op, {"ok": [], "fail": []})
        lines.append(f"| {op} | {len(entry['ok'])} | {len(entry['fail'])} |")
    lines += ["", "## Cases with only supported operators that do not import", "",
              "| case | reason |", "|---|---|"]
    for r in supported_cases:
        if not r["ok"]:
            lines.append(f"| {r['case']} | {r['reason'].replace('|', '/')} |")
    lines += ["", "## Cases with unsupported operators", "",
              "| operator | cases |", "|---|---|"]
    unsupported = collections.Counter()
    for r in results:
        for op in r["ops"]:
            if op not in SUPPORTED:
                unsupported[op] += 1
    for op, n in sorted(unsupported.items()):
        lines.append(f"| {op} | {n} |")
    other = [r for r in results if not r["ops"]]
    if other:
        lines += ["", "## Cases the onnx Python package cannot read", ""]
        lines += [f"- {r['case']}: {r['reason']}" for r in other]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--importer", required=True)
    ap.add_argument("--data", default=onnx_testdata.DATA_ROOT)
    ap.add_argument("--markdown")
    ap.add_argument("--write-expected")
    ap.add_argument("--check")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    todo = list(onnx_testdata.cases(args.data))
    if not todo:
        print(f"no test cases under {args.data}", file=sys.stderr)
        return 1
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda c: import_case(args.importer, *c), todo))

    passed = sum(r["ok"] for r in results)
    crashes = [r for r in results if r["reason"].startswith(("CRASH", "timed out"))]
    print(f"imported {passed} of {len(results)} cases; {len(crashes)} crashes or hangs")
    for r in crashes:
        print(f"  {r['case']}: {r['reason']}")

    if args.markdown:
        write_markdown(results, args.markdown)
    passing = [r["case"] for r in results if r["ok"]]
    if args.write_expected:
        onnx_testdata.write_expected(args.write_expected, passing, "import")
    status = 1 if crashes else 0
    if args.check and onnx_testdata.check_expected(
            args.check, passing, {r["case"]: r["reason"] for r in results}):
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
