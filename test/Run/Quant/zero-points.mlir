// Integer formats with zero points: k = sat(round_even(x / s) + z) is
// stored and stands for (k - z) * s; products multiply k - z. Checked
// against NumPy.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(3); np.save('%t/a.npy', rng.uniform(-1, 3, (3, 8)).astype(np.float32)); np.save('%t/b.npy', rng.standard_normal((8, 4)).astype(np.float32))"
// RUN: tessel-run %s --input a=%t/a.npy --input b=%t/b.npy --output-dir %t/out
// RUN: %python %s.py %t | FileCheck %s
// CHECK: u8 ok
// CHECK: per-axis ok
// CHECK: product ok
// CHECK: requantized ok

!u8 = !quant.uniform<u8:f32, 0.02:64>
!w8 = !quant.uniform<i8:f32:1, {0.01:3, 0.02:-5, 0.015:0, 0.03:7}>
!acc = !quant.uniform<i32:f32:1, {2.0e-4, 4.0e-4, 3.0e-4, 6.0e-4}>
!y8 = !quant.uniform<u8:f32, 0.05:100>

func.func @main(%a: tensor<3x8xf32> {onnx.name = "a"}, %b: tensor<8x4xf32> {onnx.name = "b"})
    -> (tensor<3x8xf32> {onnx.name = "a_deq"}, tensor<8x4xf32> {onnx.name = "b_deq"},
        tensor<3x4x!acc> {onnx.name = "acc"}, tensor<3x4xf32> {onnx.name = "y"}) {
  %aq = qt.quantize %a : tensor<3x8xf32> -> tensor<3x8x!u8>
  %ad = qt.dequantize %aq : tensor<3x8x!u8> -> tensor<3x8xf32>
  %bq = qt.quantize %b : tensor<8x4xf32> -> tensor<8x4x!w8>
  %bd = qt.dequantize %bq : tensor<8x4x!w8> -> tensor<8x4xf32>
  %acc = nn.matmul %aq, %bq : (tensor<3x8x!u8>, tensor<8x4x!w8>) -> tensor<3x4x!acc>
  %yq = qt.requantize %acc : tensor<3x4x!acc> -> tensor<3x4x!y8>
  %y = qt.dequantize %yq : tensor<3x4x!y8> -> tensor<3x4xf32>
  return %ad, %bd, %acc, %y : tensor<3x8xf32>, tensor<8x4xf32>, tensor<3x4x!acc>, tensor<3x4xf32>
}
