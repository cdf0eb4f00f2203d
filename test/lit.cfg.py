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

# python/tessel/gemmini_programs.py reads the target presets from the
# tessel-translate under test.
config.environment["TESSEL_TRANSLATE"] = os.path.join(
    config.tessel_tools_dir, "tessel-translate")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["tessel-opt", "tessel-import-onnx", "tessel-quant", "tessel-run", "tessel-translate"], [config.tessel_tools_dir])
