"""bench/e2e.sh's driver: compiles and runs each model directory, prints
markdown. See bench/e2e.sh."""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--tools", required=True)
ap.add_argument("--work", required=True)
ap.add_argument("--policies", default="gemmini")
ap.add_argument("--granularity", default="per-channel")
ap.add_argument("models", nargs="+")
a = ap.parse_args()
tool = lambda n: os.path.join(a.tools, n)
keep = "--mlir-print-debuginfo"


def timed(*args):
    t = time.perf_counter()
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"{' '.join(args)}:\n{p.stdout}{p.stderr}")
    return time.perf_counter() - t, p.stdout + p.stderr


def pass_times(report):
    """{pass name: seconds} from --mlir-timing's report."""
    out = {}
    for m in re.finditer(r"^\s+([0-9.]+) \(\s*[0-9.]+%\)\s+(\S.*)$", report, re.M):
        out[m.group(2).strip()] = float(m.group(1))
    return out


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


summary = []
for m in a.models:
    name = os.path.basename(m.rstrip("/"))
    if "batch4" in m:
        name += " (batch 4)"
    w = os.path.join(a.work, name.replace(" ", "_").replace("(", "").replace(")", ""))
    os.makedirs(w, exist_ok=True)
    ti, _ = timed(tool("tessel-import-onnx"), f"{m}/model.onnx", keep, "-o", f"{w}/float.mlir")
    tq, _ = timed(tool("tessel-opt"), f"{w}/float.mlir", "--nn-fold-batch-norm",
                  f"--qt-quantize=scheme=int8 granularity={a.granularity} activations=signed "
                  f"calib=input={m}/input.npy",
                  keep, "-o", f"{w}/quant.mlir")
    print(f"\n### {name}\n")
    layers = {}
    for policy in a.policies.split(","):
        # A policy may carry more pipeline options ("cost dataflow=auto").
        tag = re.sub(r"[^A-Za-z0-9]+", "-", policy)
        tc, rep = timed(tool("tessel-opt"), f"{w}/quant.mlir", "--mlir-timing",
                        f"--tessel-to-gemmini=target=gemmini-default policy={policy}",
                        keep, "-o", f"{w}/gemmini-{tag}.mlir")
        passes = pass_times(rep)
        stage = lambda k: next((v for n, v in passes.items() if k in n), float("nan"))
        tr, _ = timed(tool("tessel-run"), f"{w}/gemmini-{tag}.mlir", "--input",
                      f"input={m}/input.npy", "--stats-json", f"{w}/stats-{tag}.json")
        stats = json.load(open(f"{w}/stats-{tag}.json"))
        calls = [r for r in stats["reports"] if r["op"] == "gemmini.call"]
        layers[policy] = calls
        cyc = sum(r["counters"]["cycles"] for r in calls)
        macs = sum(r["counters"]["macs"] for r in calls)
        rd = sum(r["counters"]["dram_bytes_read"] for r in calls)
        wr = sum(r["counters"]["dram_bytes_written"] for r in calls)
        util = macs / cyc / 256 if cyc else 0
        print(f"policy `{policy}`: import {ti:.2f} s, quantize {tq:.2f} s, "
              f"compile {tc:.2f} s (passes: accelerator form {1e3 * stage('AcceleratorForm'):.1f} ms, "
              f"conv to matmul {1e3 * stage('ConvToMatmul'):.1f} ms, tile {1e3 * stage('TesselTile'):.1f} ms, "
              f"lower {1e3 * stage('LowerToGemmini'):.1f} ms; the rest parses and prints); "
              f"whole pipeline {ti + tq + tc:.2f} s; simulated run {tr:.1f} s\n")
        print(f"{len(calls)} programs: {cyc / 1e6:.2f} M cycles, {macs / 1e9:.3f} G MACs, "
              f"utilization {100 * util:.1f}%, DRAM {rd / 1e6:.1f} MB read, {wr / 1e6:.1f} MB written\n")
        loops = sum("loop_conv_ws" in r["counters"]["instructions"] for r in calls)
        if loops:
            print(f"{loops} of them convolution loops (`loop_conv_ws`)\n")
        summary.append((name, policy, ti + tq + tc, cyc, util))
    pols = a.policies.split(",")
    head = ["layer"] + [f"{p} {c}" for p in pols for c in ("tiles", "cycles", "DRAM MB")]
    head += ["MACs"] + ([f"cycles {pols[1]}/{pols[0]}"] if len(pols) > 1 else [])
    print("| " + " | ".join(head) + " |")
    print("|---" * (2 + 3 * len(pols) + (1 if len(pols) > 1 else 0)) + "|")
    ratios = []
    for i, r in enumerate(layers[pols[0]]):
        row = [r.get("layer", r["program"])]
        for p in pols:
            q = layers[p][i]
            c = q["counters"]
            row += ["x".join(map(str, q.get("tiles", []))), str(c["cycles"]),
                    f"{(c['dram_bytes_read'] + c['dram_bytes_written']) / 1e6:.2f}"]
        row.append(str(r["counters"]["macs"]))
        if len(pols) > 1:
            ratio = layers[pols[1]][i]["counters"]["cycles"] / r["counters"]["cycles"]
            ratios.append(ratio)
            row.append(f"{ratio:.2f}")
        print("| " + " | ".join(row) + " |")
    if ratios:
        print(f"\n{pols[1]}/{pols[0]} cycles: geometric mean {geomean(ratios):.3f}, "
              f"worst layer {max(ratios):.3f}")

print("\n### Summary\n")
print("| model | policy | pipeline s | M cycles | utilization |")
print("|---|---|---|---|---|")
for name, policy, t, cyc, util in summary:
    print(f"| {name} | {policy} | {t:.2f} | {cyc / 1e6:.2f} | {100 * util:.1f}% |")
