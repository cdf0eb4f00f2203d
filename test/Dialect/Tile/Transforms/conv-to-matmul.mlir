// RUN: tessel-opt %s --tile-conv-to-matmul | FileCheck %s

// CHECK-LABEL: func.func @conv
// CHECK: %[[P:.*]] = tile.im2col %arg0 {dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x3x32x32xi8> -> tensor<256x27xi8>
// CHECK: %[[W:.*]] = nn.reshape %arg1 {shape = array<i64: 8, 27>} : (tensor<8x3x3x3xi8>) -> tensor<8x27xi8>
// CHECK: %[[WT:.*]] = nn.transpose %[[W]] {perm = array<i64: 1, 0>} : (tensor<8x27xi8>) -> tensor<27x8xi8>
// CHECK: %[[C:.*]] = tile.matmul %[[P]], %[[WT]], %arg2 activation relu {acc_scale = array<f32: 5.000000e-01>} : (tensor<256x27xi8>, tensor<27x8xi8>, tensor<8xi32>) -> tensor<256x8xi8>
// CHECK: %[[R:.*]] = nn.reshape %[[C]] {shape = array<i64: 1, 16, 16, 8>} : (tensor<256x8xi8>) -> tensor<1x16x16x8xi8>
// CHECK: nn.transpose %[[R]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x16x16x8xi8>) -> tensor<1x8x16x16xi8>
func.func @conv(%x: tensor<1x3x32x32xi8>, %w: tensor<8x3x3x3xi8>, %b: tensor<8xi32>) -> tensor<1x8x16x16xi8> {
  %0 = tile.conv %x, %w, %b activation relu {acc_scale = array<f32: 0.5>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x32x32xi8>, tensor<8x3x3x3xi8>, tensor<8xi32>) -> tensor<1x8x16x16xi8>
  return %0 : tensor<1x8x16x16xi8>
}

// Grouped (here depthwise) convolutions stay.
// CHECK-LABEL: func.func @depthwise
// CHECK-NEXT: tile.conv
// CHECK-NOT: tile.im2col
func.func @depthwise(%x: tensor<1x3x8x8xi8>, %w: tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi32> {
  %0 = tile.conv %x, %w {groups = 3 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi32>
  return %0 : tensor<1x3x8x8xi32>
}
