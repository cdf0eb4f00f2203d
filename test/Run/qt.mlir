// The qt ops in the interpreter, against NumPy evaluations of the formats'
// definitions (docs/number-formats.md).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(8); np.save('%t/x.npy', (rng.standard_normal((4, 70)) * 2).astype(np.float32))"
// RUN: tessel-run %s --input x=%t/x.npy --output-dir %t/out | FileCheck %s
// RUN: %python %s.py %t/x.npy %t/out | FileCheck %s --check-prefix=NUMPY
// CHECK: flint: tensor<4x70xf32> -> {{.*}}flint.npy
// CHECK: mx: tensor<4x70xf32> -> {{.*}}mx.npy
// CHECK: requant: tensor<4x70xf32> -> {{.*}}requant.npy
// CHECK: packed: tensor<4x70x!qt.ovp<int, 4, scale = 2.500000e-01>> -> {{.*}}packed.tq
// NUMPY: flint ok
// NUMPY: mx ok
// NUMPY: requant ok
// NUMPY: packed ok

func.func @main(%x: tensor<4x70xf32> {onnx.name = "x"})
    -> (tensor<4x70xf32> {onnx.name = "flint"}, tensor<4x70xf32> {onnx.name = "mx"},
        tensor<4x70xf32> {onnx.name = "requant"},
        tensor<4x70x!qt.ovp<int, 4, scale = 0.25>> {onnx.name = "packed"}) {
  %0 = qt.quantize %x : tensor<4x70xf32> -> tensor<4x70x!qt.flint<4, unsigned, scale = 0.125>>
  %1 = qt.dequantize %0 : tensor<4x70x!qt.flint<4, unsigned, scale = 0.125>> -> tensor<4x70xf32>
  %2 = qt.quantize %x : tensor<4x70xf32> -> tensor<4x70x!qt.mx<int8>>
  %3 = qt.dequantize %2 : tensor<4x70x!qt.mx<int8>> -> tensor<4x70xf32>
  %4 = qt.quantize %x : tensor<4x70xf32> -> tensor<4x70x!quant.uniform<i8:f32, 0.05>>
  %5 = qt.requantize %4 : tensor<4x70x!quant.uniform<i8:f32, 0.05>> -> tensor<4x70x!qt.flint<4, signed, scales = [0.25, 0.5, 1.0, 2.0], axis = 0>>
  %6 = qt.dequantize %5 : tensor<4x70x!qt.flint<4, signed, scales = [0.25, 0.5, 1.0, 2.0], axis = 0>> -> tensor<4x70xf32>
  %7 = qt.quantize %x : tensor<4x70xf32> -> tensor<4x70x!qt.ovp<int, 4, scale = 0.25>>
  return %1, %3, %6, %7 : tensor<4x70xf32>, tensor<4x70xf32>, tensor<4x70xf32>, tensor<4x70x!qt.ovp<int, 4, scale = 0.25>>
}
