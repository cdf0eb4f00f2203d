// --compare on floats: the largest absolute difference, multi-indices of
// 4-D values, NaN, and layers lowered into several ops.
// RUN: rm -rf %t && split-file %s %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', ((np.arange(12) - 4) * 0.5).astype(np.float32).reshape(1, 2, 2, 3))"

// x = [-2, -1.5, ..., 3.5], 2x = [-4, -3, ..., 7]. The reference computes
// the layer "scale" as (x * 4) * 0.5: its last op agrees with 2x, so the
// layer agrees although its first op does not. Its bias differs at 1
// (0.5 for 0.25), 7 (1 for 0.25) and 10 (-1 for 0.25): "bias" differs at
// 1 [0, 0, 0, 1], -3 + 0.25 against -3 + 0.5, by at most |6.25 - 5|; after
// the relu only 7 (3.25 against 4) and 10 (6.25 against 5) remain.
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/ref.mlir | FileCheck %s
// CHECK: y: 2 of 12 elements differ, first at 7 [0, 1, 0, 1]: 3.25 vs 4 in the reference, max abs difference 1.25
// CHECK-NEXT: first differing layer: 'bias' ({{.*}}prog.mlir:5, {{.*}}ref.mlir:7): 3 of 12 elements differ, first at 1 [0, 0, 0, 1]: -2.75 vs -2.5 in the reference, max abs difference 1.25

// Floats print in the fewest digits that read back as the same f32 (0.1,
// not 0.100000001); a NaN is a difference unless its bits are the same,
// and is left out of the largest difference (|2 - 2.5|, computed in double).
// RUN: not tessel-run %t/nan.mlir --compare %t/nan-ref.mlir | FileCheck %s --check-prefix=NAN
// NAN: n: 3 of 3 elements differ, first at 0 [0]: 0.1 vs 0.2 in the reference, max abs difference 0.5, 1 with NaN
// RUN: tessel-run %t/nan.mlir --compare %t/nan.mlir | FileCheck %s --check-prefix=SAME
// SAME: n: bit-identical (3 elements)

//--- prog.mlir
func.func @main(%x: tensor<1x2x2x3xf32> {onnx.name = "x"}) -> (tensor<1x2x2x3xf32> {onnx.name = "y"}) {
  %two = nn.constant dense<2.0> : tensor<1x2x2x3xf32>
  %0 = nn.mul %x, %two : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32> loc("scale")
  %b = nn.constant dense<0.25> : tensor<1x2x2x3xf32>
  %1 = nn.add %0, %b : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32> loc("bias")
  %2 = nn.relu %1 : tensor<1x2x2x3xf32> loc("act")
  return %2 : tensor<1x2x2x3xf32>
}
//--- ref.mlir
func.func @main(%x: tensor<1x2x2x3xf32> {onnx.name = "x"}) -> (tensor<1x2x2x3xf32> {onnx.name = "y"}) {
  %four = nn.constant dense<4.0> : tensor<1x2x2x3xf32>
  %half = nn.constant dense<0.5> : tensor<1x2x2x3xf32>
  %0 = nn.mul %x, %four : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32> loc("scale")
  %1 = nn.mul %0, %half : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32> loc("scale")
  %b = nn.constant dense<[[[[0.25, 0.5, 0.25], [0.25, 0.25, 0.25]], [[0.25, 1.0, 0.25], [0.25, -1.0, 0.25]]]]> : tensor<1x2x2x3xf32>
  %2 = nn.add %1, %b : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32> loc("bias")
  %3 = nn.relu %2 : tensor<1x2x2x3xf32> loc("act")
  return %3 : tensor<1x2x2x3xf32>
}
//--- nan.mlir
func.func @main() -> (tensor<3xf32> {onnx.name = "n"}) {
  %0 = nn.constant dense<[0.1, 0x7FC00000, 2.0]> : tensor<3xf32>
  return %0 : tensor<3xf32>
}
//--- nan-ref.mlir
func.func @main() -> (tensor<3xf32> {onnx.name = "n"}) {
  %0 = nn.constant dense<[0.2, 3.0, 2.5]> : tensor<3xf32>
  return %0 : tensor<3xf32>
}
