// An operation without interpreter semantics is an error at that operation.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.ones((2,), np.float32))"
// RUN: not tessel-run %s --input x=%t/x.npy 2>&1 | FileCheck %s
// CHECK: no-semantics.mlir:[[@LINE+3]]:8: error: the interpreter has no semantics for 'arith.addf'

func.func @main(%x: tensor<2xf32> {onnx.name = "x"}) -> tensor<2xf32> {
  %0 = arith.addf %x, %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
