// Inputs that are missing, extra, mis-shaped or unreadable are errors that
// name the input, with exit code 1.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x23.npy', np.ones((2, 3), np.float32)); np.save('%t/x32.npy', np.ones((3, 2), np.float32)); np.save('%t/i23.npy', np.ones((2, 3), np.int32))"
// RUN: not tessel-run %s 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not tessel-run %s --input x=%t/x23.npy --input y=%t/x23.npy 2>&1 | FileCheck %s --check-prefix=EXTRA
// RUN: not tessel-run %s --input x=%t/x32.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not tessel-run %s --input x=%t/i23.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// RUN: not tessel-run %s --input x=%t/nothere.npy 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not tessel-run %s --input x=%s 2>&1 | FileCheck %s --check-prefix=NOTNPY
// RUN: not tessel-run %s --entry nothere --input x=%t/x23.npy 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not tessel-run %s --input x=%t/x23.npy --repeat 0 2>&1 | FileCheck %s --check-prefix=REPEAT

// MISSING: error: missing input 'x' (0), pass --input x=file.npy
// EXTRA: error: 'y' is not an input of 'main'
// SHAPE: error: input 'x' from {{.*}}x32.npy is tensor<3x2xf32>, the function expects tensor<2x3xf32>
// DTYPE: error: input 'x' from {{.*}}i23.npy is tensor<2x3xi32>, the function expects tensor<2x3xf32>
// NOFILE: error: cannot read '{{.*}}nothere.npy': No such file or directory
// NOTNPY: error: {{.*}}errors.mlir: not an .npy file (bad magic)
// ENTRY: error: no function or gemmini program 'nothere' in
// REPEAT: error: --repeat must be at least 1

func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  %0 = nn.relu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
