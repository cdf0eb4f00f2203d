"""Runs libonnx-testdata cases through tessel-import-onnx and tessel-run and
compares every output with the case's expected output_N.pb.

  onnx_run_conformance.py --importer build/bin/tessel-import-onnx \
      --runner build/bin/tessel-run [--markdown docs/onnx-coverage.md] \
      [--write-expected FILE] [--check FILE] [--cases PATTERN]

Tolerance: |got - expected| <= atol + rtol * |expected| with rtol 1e-3,
atol 1e-5 (NaN must match NaN), as np.allclose. --check fails (exit 1) when a
case listed in FILE no longer passes.
"""
import collections
import concurrent.futures
import fnmatch
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402
import onnx  # noqa: E402

from tessel import onnx_import_coverage, onnx_testdata  # noqa: E402

RTOL, ATOL = 1e-3, 1e-5


def run_case(importer, runner, suite, name, case_dir):
    case = f"{suite}/{name}"
    with tempfile.TemporaryDirectory() as tmp:
        mlir = os.path.join(tmp, "model.mlir")
        imported = onnx_import_coverage.import_case(importer, suite, name, case_dir, mlir)
        if not imported["ok"]:
            return dict(case=case, ops=imported["ops"], status="not imported",
                        reason=imported["reason"])
        model = onnx.load(os.path.join(case_dir, "model.onnx"))
        frozen = set(imported["frozen"])
        inputs = onnx_testdata.graph_inputs(model)
        outputs = [o.name for o in model.graph.output]
        sets = sorted(d for d in os.listdir(case_dir) if d.startswith("test_data_set"))
        for data_set in sets:
            data = os.path.join(case_dir, data_set)
            out_dir = os.path.join(tmp, data_set)
            cmd = [runner, mlir, "--output-dir", out_dir]
            for i, inp in enumerate(inputs):
                if inp.name not in frozen:
                    cmd += ["--input", f"{inp.name}={os.path.join(data, f'input_{i}.pb')}"]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            except subprocess.TimeoutExpired:
                return dict(case=case, ops=imported["ops"], status="failed",
                            reason="timed out after 300 s")
            if proc.returncode != 0:
                err = [l for l in proc.stderr.splitlines() if "error" in l]
                return dict(case=case, ops=imported["ops"], status="failed",
                            reason=(err[0] if err else proc.stderr.strip())[:300])
            for i, out in enumerate(outputs):
                expected = onnx_testdata.load_tensor(os.path.join(data, f"output_{i}.pb"))
                got = np.load(onnx_testdata.output_path(out_dir, out))
                if got.shape != expected.shape:
                    return dict(case=case, ops=imported["ops"], status="failed",
                                reason=f"output {out}: shape {got.shape}, expected {expected.shape}")
                if not np.allclose(got.astype(np.float64), expected.astype(np.float64),
                                   rtol=RTOL, atol=ATOL, equal_nan=True):
                    err = np.max(np.abs(got.astype(np.float64) - expected.astype(np.float64)))
                    return dict(case=case, ops=imported["ops"], status="failed",
                                reason=f"output {out}: max abs error {err:.3g}")
    return dict(case=case, ops=imported["ops"], status="passed", reason="")


def write_markdown(results, path):
    by_op = collections.defaultdict(collections.Counter)
    for r in results:
        for op in r["ops"]:
            by_op[op][r["status"]] += 1
    lines = ["# ONNX conformance of the reference interpreter", "",
             "Each libonnx-testdata case imported with `tessel-import-onnx`, run with",
             "`tessel-run` on every test data set, every output compared with the",
             f"expected one (rtol {RTOL}, atol {ATOL}). Regenerate with",
             "", "```sh",
             "python3 python/tessel/onnx_run_conformance.py --importer build/bin/tessel-import-onnx \\",
             "    --runner build/bin/tessel-run --markdown docs/onnx-coverage.md \\",
             "    --write-expected test/Run/onnx-run-expected.txt",
             "```", "",
             f"- cases: {len(results)}; passed {sum(r['status'] == 'passed' for r in results)}, "
             f"failed {sum(r['status'] == 'failed' for r in results)}, "
             f"not imported {sum(r['status'] == 'not imported' for r in results)} "
             "(reasons in [onnx-import.md](onnx-import.md))",
             "", "## Per operator", "",
             "| op | passed | failed | not imported |", "|---|---|---|---|"]
    for op in sorted(onnx_import_coverage.SUPPORTED):
        c = by_op.get(op, collections.Counter())
        lines.append(f"| {op} | {c['passed']} | {c['failed']} | {c['not imported']} |")
    lines += ["", "## Failing cases", "", "| case | reason |", "|---|---|"]
    for r in results:
        if r["status"] == "failed":
            lines.append(f"| {r['case']} | {r['reason'].replace('|', '/')} |")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = onnx_testdata.harness_parser(__doc__, ("importer", "runner"))
    args = ap.parse_args()
    todo = [c for c in onnx_testdata.cases(args.data)
            if fnmatch.fnmatch(f"{c[0]}/{c[1]}", args.cases)]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda c: run_case(args.importer, args.runner, *c), todo))
    counts = collections.Counter(r["status"] for r in results)
    print(f"ran {len(results)} cases: {counts['passed']} passed, {counts['failed']} "
          f"failed, {counts['not imported']} not imported")
    if args.markdown:
        write_markdown(results, args.markdown)
    passing = [r["case"] for r in results if r["status"] == "passed"]
    if args.write_expected:
        onnx_testdata.write_expected(args.write_expected, passing, "pass")
    status = 0
    if args.check and onnx_testdata.check_expected(
            args.check, passing, {r["case"]: r["reason"] for r in results}):
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
