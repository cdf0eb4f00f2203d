#!/usr/bin/python3
"""Checks tessel's library dependency graph against its layering.

    scripts/check-layering.py SOURCE_DIR BUILD_DIR

Configures SOURCE_DIR into a scratch directory with CMake's --graphviz,
follows every target's link dependencies transitively, and fails when a
library reaches one its layer may not use (docs/architecture.md draws the
layers). With BUILD_DIR, also reads `ldd` of the built tools that must not
load the interpreter's kernels (oneDNN, OpenMP).
"""

import os
import re
import subprocess
import sys
import tempfile

# What each library and tool may reach, transitively, among tessel's own
# libraries and the heavy external ones. Anything unlisted is refused.
TESSEL_ALLOWED = {
    "TesselTensor": set(),
    "TesselQuant": set(),
    "TesselSupport": {"TesselTensor"},
    "TesselInterpreter": {"TesselTensor"},
    "TesselQTDialect": {"TesselQuant"},
    "TesselNNDialect": {"TesselQTDialect", "TesselQuant"},
    "TesselGemminiDialect": set(),
    "TesselGemminiTransforms": {"TesselGemminiDialect"},
    "TesselNNTransforms": {"TesselNNDialect", "TesselQTDialect", "TesselQuant",
                           "TesselTensor"},
    "TesselGemminiSimulator": {"TesselGemminiDialect", "TesselInterpreter",
                               "TesselTensor"},
    "TesselGemminiTarget": {"TesselGemminiDialect"},
    "TesselSchedule": {"TesselGemminiDialect"},
    "TesselGemminiPrograms": {"TesselGemminiDialect", "TesselGemminiSimulator",
                              "TesselSchedule", "TesselInterpreter",
                              "TesselTensor"},
    "TesselONNXImport": {"TesselNNDialect", "TesselQTDialect", "TesselQuant",
                         "TesselTensor"},
    "TesselQTInterpreter": {"TesselQTDialect", "TesselInterpreter",
                            "TesselTensor", "TesselQuant"},
    "TesselNNInterpreter": {"TesselNNDialect", "TesselQTDialect",
                            "TesselQTInterpreter", "TesselInterpreter",
                            "TesselTensor", "TesselQuant", "dnnl", "openmp"},
    "TesselQTTransforms": {"TesselQTDialect", "TesselNNDialect",
                           "TesselInterpreter", "TesselSupport",
                           "TesselTensor", "TesselQuant"},
    "TesselRunner": {"TesselNNInterpreter", "TesselQTInterpreter",
                     "TesselGemminiSimulator", "TesselSupport",
                     "TesselONNXImport", "TesselTileInterpreter",
                     "TesselTileDialect", "TesselNNDialect", "TesselQTDialect",
                     "TesselGemminiDialect", "TesselInterpreter",
                     "TesselTensor", "TesselQuant", "dnnl", "openmp"},
    "TesselTileDialect": {"TesselNNDialect", "TesselQTDialect", "TesselQuant"},
    "TesselTileInterpreter": {"TesselTileDialect", "TesselNNDialect",
                              "TesselQTDialect", "TesselQuant",
                              "TesselInterpreter", "TesselTensor"},
    # The tile passes time Gemmini's convolution loop in the simulator.
    "TesselTileTransforms": {"TesselTileDialect", "TesselNNDialect",
                             "TesselQTDialect", "TesselQuant",
                             "TesselGemminiDialect", "TesselSchedule",
                             "TesselGemminiPrograms", "TesselGemminiSimulator",
                             "TesselInterpreter", "TesselTensor"},
    # The lowering reads which convolutions Gemmini's loop runs (the tile
    # passes' rule) and tiled_conv's problem (the tile choices).
    "TesselConversion": {"TesselNNDialect", "TesselQTDialect", "TesselQuant",
                         "TesselTileDialect", "TesselTileTransforms",
                         "TesselGemminiDialect", "TesselSchedule",
                         "TesselGemminiPrograms", "TesselGemminiSimulator",
                         "TesselInterpreter", "TesselTensor"},
    "TesselPipeline": {"TesselConversion", "TesselTileTransforms",
                       "TesselGemminiTransforms",
                       "TesselNNDialect", "TesselQTDialect", "TesselQuant",
                       "TesselTileDialect", "TesselGemminiDialect",
                       "TesselSchedule", "TesselGemminiPrograms",
                       "TesselGemminiSimulator", "TesselInterpreter",
                       "TesselTensor"},
    "TesselQuantTool": {"TesselQuant", "TesselSupport", "TesselONNXImport",
                        "TesselNNDialect", "TesselQTDialect", "TesselTensor"},
    "tessel-translate": {"TesselGemminiTarget", "TesselGemminiDialect"},
}
# Tools whose shared-library dependencies are read with ldd.
NO_KERNELS = ["tessel-translate"]
KERNEL_LIBS = re.compile(r"libdnnl|libgomp|libomp|libiomp")


def kind(label):
    """The name a node is checked under: tessel targets as themselves,
    oneDNN and OpenMP by what they are, everything else not at all."""
    if "dnnl" in label:
        return "dnnl"
    if "gomp" in label or "OpenMP" in label or "libomp" in label:
        return "openmp"
    if label.startswith("obj."):
        return None
    if label.startswith("Tessel") or label.startswith("tessel-"):
        return label
    return None


def graph(source):
    with tempfile.TemporaryDirectory() as scratch:
        dot = os.path.join(scratch, "deps.dot")
        subprocess.run(
            ["cmake", "-G", "Ninja", "-S", source, "-B", scratch,
             "-DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir",
             "-DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit",
             "--graphviz=" + dot],
            check=True, stdout=subprocess.DEVNULL)
        text = open(dot).read()
    labels = dict(re.findall(r'"(node\d+)" \[ label = "([^"]*)"', text))
    edges = {}
    for a, b in re.findall(r'"(node\d+)" -> "(node\d+)"', text):
        edges.setdefault(labels[a], set()).add(labels[b])
    return set(labels.values()), edges


def reach(start, edges):
    seen, todo = set(), [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def main():
    source, build = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
    nodes, edges = graph(source)
    errors = []
    for target in sorted(n for n in nodes if kind(n) == n
                         and n.startswith("Tessel")):
        if target not in TESSEL_ALLOWED:
            errors.append(f"{target}: no layer given in check-layering.py")
    for target, allowed in TESSEL_ALLOWED.items():
        if target not in nodes:
            errors.append(f"{target}: not a target of the build")
            continue
        reached = {kind(n) for n in reach(target, edges)} - {None}
        for bad in sorted(reached - allowed):
            errors.append(f"{target} reaches {bad}")
    if build:
        for tool in NO_KERNELS:
            out = subprocess.run(["ldd", os.path.join(build, "bin", tool)],
                                 check=True, capture_output=True,
                                 text=True).stdout
            for line in out.splitlines():
                if KERNEL_LIBS.search(line):
                    errors.append(f"{tool} loads {line.split()[0]}")
    for e in errors:
        print("layering: " + e)
    print(f"layering: {len(TESSEL_ALLOWED)} targets checked, "
          f"{len(errors)} violations")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
