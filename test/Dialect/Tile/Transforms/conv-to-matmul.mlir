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

// A depthwise convolution: a batch of one product per channel (group),
// the patches' columns of each group as its rows.
// CHECK-LABEL: func.func @depthwise
// CHECK: %[[P:.*]] = tile.im2col %arg0 {{.*}} : tensor<1x3x8x8xi8> -> tensor<64x27xi8>
// CHECK: %[[PR:.*]] = nn.reshape %[[P]] {shape = array<i64: 64, 3, 9>}
// CHECK: %[[PG:.*]] = nn.transpose %[[PR]] {perm = array<i64: 1, 0, 2>} : (tensor<64x3x9xi8>) -> tensor<3x64x9xi8>
// CHECK: %[[WR:.*]] = nn.reshape %arg1 {shape = array<i64: 3, 1, 9>}
// CHECK: %[[WG:.*]] = nn.transpose %[[WR]] {perm = array<i64: 0, 2, 1>} : (tensor<3x1x9xi8>) -> tensor<3x9x1xi8>
// CHECK: tile.matmul %[[PG]], %[[WG]] : (tensor<3x64x9xi8>, tensor<3x9x1xi8>) -> tensor<3x64x1xi32>
// CHECK-NOT: tile.conv
func.func @depthwise(%x: tensor<1x3x8x8xi8>, %w: tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi32> {
  %0 = tile.conv %x, %w {groups = 3 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<3x1x3x3xi8>) -> tensor<1x3x8x8xi32>
  return %0 : tensor<1x3x8x8xi32>
}

// Two groups with per-channel scales: a bias row per group, the products'
// accumulators, and the scales applied per output channel of the NCHW
// result (the store path holds one scale).
// CHECK-LABEL: func.func @grouped
// CHECK: %[[B:.*]] = nn.reshape %arg2 {shape = array<i64: 2, 2>} : (tensor<4xi32>) -> tensor<2x2xi32>
// CHECK: tile.matmul %{{.*}}, %{{.*}}, %[[B]] : (tensor<2x36x18xi8>, tensor<2x18x2xi8>, tensor<2x2xi32>) -> tensor<2x36x2xi32>
// CHECK: tile.requantize %{{.*}} activation relu {acc_scale = array<f32: 1.000000e+00, 5.000000e-01, 2.500000e-01, 1.250000e-01>, axis = 1 : i64} : tensor<1x4x6x6xi32> -> tensor<1x4x6x6xi8>
func.func @grouped(%x: tensor<1x4x8x8xi8>, %w: tensor<4x2x3x3xi8>, %b: tensor<4xi32>) -> tensor<1x4x6x6xi8> {
  %0 = tile.conv %x, %w, %b activation relu {acc_scale = array<f32: 1.0, 0.5, 0.25, 0.125>, groups = 2 : i64, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x2x3x3xi8>, tensor<4xi32>) -> tensor<1x4x6x6xi8>
  return %0 : tensor<1x4x6x6xi8>
}

// The store path's pooling on the host after the product: zeros around
// the output (Gemmini's padding), then unpadded windows.
// CHECK-LABEL: func.func @pooled
// CHECK: tile.matmul {{.*}} -> tensor<64x4xi8>
// CHECK: %[[Y:.*]] = nn.transpose %{{.*}} {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x8x8x4xi8>) -> tensor<1x4x8x8xi8>
// CHECK: %[[P:.*]] = nn.pad %[[Y]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>} : (tensor<1x4x8x8xi8>) -> tensor<1x4x10x10xi8>
// CHECK: nn.maxpool %[[P]] {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x10x10xi8>) -> tensor<1x4x4x4xi8>
func.func @pooled(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi8> {
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, pool = array<i64: 3, 2, 1>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi8>
  return %0 : tensor<1x4x4x4xi8>
}
