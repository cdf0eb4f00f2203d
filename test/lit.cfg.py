# -*- Python -*-
import os

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
config.substitutions.append(("%gemmini_sdk", config.gemmini_sdk_dir))

# Gemmini's own C library, beside the repository where it is available.
if os.path.exists(os.path.join(config.gemmini_sdk_dir, "include", "gemmini.h")):
    config.available_features.add("gemmini-sdk")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["tessel-opt", "tessel-import-onnx", "tessel-quant", "tessel-run", "tessel-translate",
     "tessel-unittests"], [config.tessel_tools_dir])
