// RUN: tessel-opt %s | FileCheck %s
// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// RUN: tessel-opt %s --mlir-print-op-generic | tessel-opt | FileCheck %s

// CHECK-LABEL: func.func @layers
func.func @layers(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>, %bias: tensor<2xi32>,
                  %x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>, %cb: tensor<4xi32>,
                  %dw: tensor<3x1x3x3xi8>, %acc: tensor<4x2xi32>)
    -> (tensor<4x2xi8>, tensor<4x2xi32>, tensor<1x4x4x4xi8>, tensor<1x3x8x8xi32>,
        tensor<16x27xi8>, tensor<4x2xi8>, tensor<2x4x2xi8>) {
  // CHECK: tile.matmul %{{.*}}, %{{.*}}, %{{.*}} activation relu {acc_scale = array<f32: 5.000000e-01>, estimated_cycles = 161 : i64, tiles = array<i64: 1, 1, 1>} : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<2xi32>) -> tensor<4x2xi8>
  %0 = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.5>, tiles = array<i64: 1, 1, 1>, estimated_cycles = 161} : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<2xi32>) -> tensor<4x2xi8>
  // CHECK: tile.matmul %{{.*}}, %{{.*}} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  %1 = tile.matmul %a, %b : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  // The default dataflow is not printed; output-stationary is.
  // CHECK: tile.matmul %{{.*}}, %{{.*}} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  %ws = tile.matmul %a, %b dataflow ws : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  // CHECK: tile.matmul %{{.*}}, %{{.*}}, %{{.*}} activation relu dataflow os {acc_scale = array<f32: 5.000000e-01>, tiles = array<i64: 1, 1, 1>} : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<2xi32>) -> tensor<4x2xi8>
  %os = tile.matmul %a, %b, %bias activation relu dataflow os {acc_scale = array<f32: 0.5>, tiles = array<i64: 1, 1, 1>} : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<2xi32>) -> tensor<4x2xi8>
  // CHECK: tile.conv %{{.*}}, %{{.*}}, %{{.*}} activation relu {acc_scale = array<f32: 1.000000e+00, 5.000000e-01, 2.500000e-01, 1.250000e-01>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
  %2 = tile.conv %x, %w, %cb activation relu {acc_scale = array<f32: 1.0, 0.5, 0.25, 0.125>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x4x4x4xi8>
  // CHECK: tile.conv %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 3 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi32>
  %3 = tile.conv %x, %dw {groups = 3 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi32>
  // CHECK: tile.conv %{{.*}}, %{{.*}} activation relu {acc_scale = array<f32: 5.000000e-01>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, pool = array<i64: 3, 2, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi8>
  %pooled = tile.conv %x, %w activation relu {acc_scale = array<f32: 0.5>, pool = array<i64: 3, 2, 1>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi8>
  // CHECK: tile.conv %{{.*}}, %{{.*}} {acc_scale = array<f32: 2.500000e-01>, dilations = array<i64: 1, 1>, groups = 3 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, tiles = array<i64: 1, 8, 8, 1, 3, 3, 1>} : (tensor<1x3x8x8xi8>, tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi8>
  %tiled = tile.conv %x, %dw {acc_scale = array<f32: 0.25>, groups = 3 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 8, 8, 1, 3, 3, 1>} : (tensor<1x3x8x8xi8>, tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi8>
  // CHECK: tile.im2col %{{.*}} {dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xi8> -> tensor<16x27xi8>
  %4 = tile.im2col %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : tensor<1x3x8x8xi8> -> tensor<16x27xi8>
  // CHECK: tile.requantize %{{.*}} activation relu {acc_scale = array<f32: 5.000000e-01, 2.500000e-01>, axis = 1 : i64} : tensor<4x2xi32> -> tensor<4x2xi8>
  %5 = tile.requantize %acc activation relu {acc_scale = array<f32: 0.5, 0.25>, axis = 1 : i64} : tensor<4x2xi32> -> tensor<4x2xi8>
  // Batch dimensions with a shared b.
  // CHECK: tile.matmul %{{.*}}, %{{.*}} {acc_scale = array<f32: 1.000000e+00>} : (tensor<2x4x3xi8>, tensor<3x2xi8>) -> tensor<2x4x2xi8>
  %a3 = tensor.empty() : tensor<2x4x3xi8>
  %6 = tile.matmul %a3, %b {acc_scale = array<f32: 1.0>} : (tensor<2x4x3xi8>, tensor<3x2xi8>) -> tensor<2x4x2xi8>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4x2xi8>, tensor<4x2xi32>, tensor<1x4x4x4xi8>, tensor<1x3x8x8xi32>, tensor<16x27xi8>, tensor<4x2xi8>, tensor<2x4x2xi8>
}

// A bias per result element (Gemmini's D without repeating_bias).
// CHECK-LABEL: func.func @full_bias
// CHECK: tile.matmul %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<4x2xi32>) -> tensor<4x2xi32>
func.func @full_bias(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>, %c: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %0 = tile.matmul %a, %b, %c : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<4x2xi32>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}
