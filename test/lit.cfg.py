# -*- Python -*-
import os
import shutil

import lit.formats
from lit.llvm import llvm_config

config.name = "TESSEL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtext", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tessel_obj_root, "test")

config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%tessel_src", config.tessel_src_root))
config.substitutions.append(("%onnx_testdata", config.onnx_testdata_dir))
config.substitutions.append(("%tessel_tools", config.tessel_tools_dir))

# spike.test needs Spike with Gemmini's functional model (TESSEL_SHARED_DIR,
# beside the source tree) and the RISC-V compiler: without them it is
# unsupported rather than failing.
shared_dir = os.path.normpath(config.tessel_shared_dir)
config.substitutions.append(("%shared", shared_dir))
spike_dir = os.path.join(shared_dir, "spike")
if os.path.isfile(os.path.join(spike_dir, "run-baremetal")) and \
        shutil.which("riscv64-unknown-elf-gcc"):
    config.available_features.add("spike")
else:
    lit_config.note("no Spike at %s or no riscv64-unknown-elf-gcc "
                    "(scripts/install-deps.sh): Run/Gemmini/spike.test is unsupported"
                    % spike_dir)

config.substitutions.append(("%gemmini_sdk", config.gemmini_sdk_dir))

# Gemmini's own C library, beside the repository where it is available.
if os.path.exists(os.path.join(config.gemmini_sdk_dir, "include", "gemmini.h")):
    config.available_features.add("gemmini-sdk")

# python/tessel/gemmini_programs.py reads the target presets from the
# tessel-translate under test.
config.environment["TESSEL_TRANSLATE"] = os.path.join(
    config.tessel_tools_dir, "tessel-translate")

# oneDNN's ISA cap reaches the tools, so the suite can be rerun with the
# kernels (and the blocked layouts) of a machine without AVX-512:
# ONEDNN_MAX_CPU_ISA=AVX2 lit build/test.
llvm_config.with_system_environment(["ONEDNN_MAX_CPU_ISA", "ONEDNN_VERBOSE"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["tessel-opt", "tessel-import-onnx", "tessel-quant", "tessel-run", "tessel-translate",
     "tessel-unittests"], [config.tessel_tools_dir])
