// RUN: tessel-opt %s --split-input-file --tessel-accelerator-form | FileCheck %s

// A requantized layer: acc_scale = s_in * s_w[c] / s_out per channel
// (0.5 * 0.25 / 0.1 = 1.25, 0.5 * 0.125 / 0.1 = 0.625), the ReLU fused,
// the weight's codes transposed to K x N on the host, the quantize replaced
// by the layer's int8 codes and the float reader of the activated value
// given them dequantized.
// CHECK-LABEL: func.func @gemm
// CHECK-DAG: %[[X:.*]] = qt.storage_cast %{{.*}} : tensor<4x8x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<4x8xi8>
// CHECK-DAG: %[[W:.*]] = qt.storage_cast %{{.*}} : tensor<2x8x!quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>> -> tensor<2x8xi8>
// CHECK-DAG: %[[B:.*]] = qt.storage_cast %{{.*}} : tensor<2x!quant.uniform<i32:f32:0, {1.250000e-01,6.250000e-02}>> -> tensor<2xi32>
// CHECK: %[[WT:.*]] = nn.transpose %[[W]] {perm = array<i64: 1, 0>} : (tensor<2x8xi8>) -> tensor<8x2xi8>
// CHECK: %[[Y:.*]] = tile.matmul %[[X]], %[[WT]], %[[B]] activation relu {acc_scale = array<f32: 1.250000e+00, 6.250000e-01>} : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<2xi32>) -> tensor<4x2xi8>
// CHECK: %[[Q:.*]] = qt.storage_cast %[[Y]] : tensor<4x2xi8> -> tensor<4x2x!quant.uniform<i8:f32, 1.000000e-01>>
// CHECK: %[[F:.*]] = qt.dequantize %[[Q]] : tensor<4x2x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<4x2xf32>
// CHECK: %[[D:.*]] = qt.dequantize %[[Q]]
// CHECK: return %[[D]], %[[F]]
// CHECK-NOT: nn.gemm
// CHECK-NOT: nn.relu
func.func @gemm(%x: tensor<4x8xf32>, %w: tensor<2x8xf32>, %b: tensor<2xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>) {
  %qx = qt.quantize %x : tensor<4x8xf32> -> tensor<4x8x!quant.uniform<i8:f32, 0.5>>
  %qw = qt.quantize %w : tensor<2x8xf32> -> tensor<2x8x!quant.uniform<i8:f32:0, {0.25, 0.125}>>
  %qb = qt.quantize %b : tensor<2xf32> -> tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>
  %acc = nn.gemm %qx, %qw, %qb {trans_b = true} : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<2x8x!quant.uniform<i8:f32:0, {0.25, 0.125}>>, tensor<2x!quant.uniform<i32:f32:0, {0.125, 0.0625}>>) -> tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>>
  %f = qt.dequantize %acc : tensor<4x2x!quant.uniform<i32:f32:1, {0.125, 0.0625}>> -> tensor<4x2xf32>
  %r = nn.relu %f : tensor<4x2xf32>
  %q = qt.quantize %r : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<i8:f32, 0.1>>
  %d = qt.dequantize %q : tensor<4x2x!quant.uniform<i8:f32, 0.1>> -> tensor<4x2xf32>
  return %d, %r : tensor<4x2xf32>, tensor<4x2xf32>
}

// -----

// Not quantized again: the int32 accumulator, dequantized as before. A
// layer's int8 result (acc_scale 0.5 * 0.5 / 0.25 = 1) feeds the next
// layer's codes directly.
// CHECK-LABEL: func.func @chain
// CHECK: %[[H:.*]] = tile.conv %{{.*}}, %{{.*}} {acc_scale = array<f32: 1.000000e+00>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xi8>, tensor<2x2x3x3xi8>) -> tensor<1x2x4x4xi8>
// CHECK: %[[A:.*]] = tile.conv %[[H]], %{{.*}} {dilations
// CHECK-SAME: -> tensor<1x2x4x4xi32>
// CHECK: %[[C:.*]] = qt.storage_cast %[[A]] : tensor<1x2x4x4xi32> -> tensor<1x2x4x4x!quant.uniform<i32:f32, 1.250000e-01>>
// CHECK: qt.dequantize %[[C]]
func.func @chain(%x: tensor<1x2x4x4xf32>, %w: tensor<2x2x3x3xf32>) -> tensor<1x2x4x4xf32> {
  %qx = qt.quantize %x : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<i8:f32, 0.5>>
  %qw = qt.quantize %w : tensor<2x2x3x3xf32> -> tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>
  %a = nn.conv %qx, %qw {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x4x4x!quant.uniform<i32:f32, 0.25>>
  %f = qt.dequantize %a : tensor<1x2x4x4x!quant.uniform<i32:f32, 0.25>> -> tensor<1x2x4x4xf32>
  %q = qt.quantize %f : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>>
  %qw2 = qt.quantize %w : tensor<2x2x3x3xf32> -> tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>
  %b = nn.conv %q, %qw2 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>>, tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x4x4x!quant.uniform<i32:f32, 0.125>>
  %g = qt.dequantize %b : tensor<1x2x4x4x!quant.uniform<i32:f32, 0.125>> -> tensor<1x2x4x4xf32>
  return %g : tensor<1x2x4x4xf32>
}

// -----

// A clip from 0 to at least 127 output steps is the store path's ReLU
// (6 >= 127 * 0.04); a tighter one stays a float op on the host.
// CHECK-LABEL: func.func @relu6
// CHECK: tile.matmul {{.*}} activation relu {acc_scale = array<f32: 6.250000e+00>}
// CHECK-NOT: nn.clip
func.func @relu6(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %qx = qt.quantize %x : tensor<4x8xf32> -> tensor<4x8x!quant.uniform<i8:f32, 0.5>>
  %qw = qt.quantize %w : tensor<8x2xf32> -> tensor<8x2x!quant.uniform<i8:f32, 0.5>>
  %acc = nn.matmul %qx, %qw : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  %f = qt.dequantize %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>> -> tensor<4x2xf32>
  %r = nn.clip %f {min = 0.0 : f64, max = 6.0 : f64} : tensor<4x2xf32>
  %q = qt.quantize %r : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<i8:f32, 0.04>>
  %d = qt.dequantize %q : tensor<4x2x!quant.uniform<i8:f32, 0.04>> -> tensor<4x2xf32>
  return %d : tensor<4x2xf32>
}

// CHECK-LABEL: func.func @clip_tight
// CHECK: tile.matmul {{.*}} -> tensor<4x2xi32>
// CHECK: nn.clip
func.func @clip_tight(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %qx = qt.quantize %x : tensor<4x8xf32> -> tensor<4x8x!quant.uniform<i8:f32, 0.5>>
  %qw = qt.quantize %w : tensor<8x2xf32> -> tensor<8x2x!quant.uniform<i8:f32, 0.5>>
  %acc = nn.matmul %qx, %qw : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  %f = qt.dequantize %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>> -> tensor<4x2xf32>
  %r = nn.clip %f {min = 0.0 : f64, max = 1.0 : f64} : tensor<4x2xf32>
  %q = qt.quantize %r : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<i8:f32, 0.04>>
  %d = qt.dequantize %q : tensor<4x2x!quant.uniform<i8:f32, 0.04>> -> tensor<4x2xf32>
  return %d : tensor<4x2xf32>
}

// -----

// A convolution, ReLU, then max pooling, quantized: the store path pools
// (requantizing before the pooling is exact, both are monotonic; its
// padding counts as 0, which no ReLU output is below). The float reader of
// the pooled value reads it dequantized.
// CHECK-LABEL: func.func @conv_relu_pool
// CHECK: %[[Y:.*]] = tile.conv %{{.*}}, %{{.*}} activation relu {acc_scale = array<f32: 1.000000e+00>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, pool = array<i64: 3, 2, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x8x8xi8>, tensor<2x2x3x3xi8>) -> tensor<1x2x4x4xi8>
// CHECK: %[[Q:.*]] = qt.storage_cast %[[Y]] : tensor<1x2x4x4xi8> -> tensor<1x2x4x4x!quant.uniform<i8:f32, 2.500000e-01>>
// CHECK: %[[F:.*]] = qt.dequantize %[[Q]]
// CHECK: return %{{.*}}, %[[F]]
// CHECK-NOT: nn.maxpool
// CHECK-NOT: nn.relu
func.func @conv_relu_pool(%x: tensor<1x2x8x8xf32>, %w: tensor<2x2x3x3xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %qx = qt.quantize %x : tensor<1x2x8x8xf32> -> tensor<1x2x8x8x!quant.uniform<i8:f32, 0.5>>
  %qw = qt.quantize %w : tensor<2x2x3x3xf32> -> tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>
  %acc = nn.conv %qx, %qw {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>>
  %f = qt.dequantize %acc : tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>> -> tensor<1x2x8x8xf32>
  %r = nn.relu %f : tensor<1x2x8x8xf32>
  %p = nn.maxpool %r {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32>
  %q = qt.quantize %p : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>>
  %d = qt.dequantize %q : tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2x4x4xf32>
  return %d, %p : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Pooling the store path cannot do as ONNX does stays on the host: padded
// windows without a ReLU (a padded 0 could win over negative values), and
// rectangular windows (and then the ReLU, with no quantize after it). Unpadded
// pooling fuses without a ReLU.
// CHECK-LABEL: func.func @pools_kept
// CHECK: tile.conv {{.*}} -> tensor<1x2x8x8xi32>
// CHECK: nn.maxpool
// CHECK: tile.conv {{.*}} -> tensor<1x2x8x8xi32>
// CHECK: nn.relu
// CHECK: nn.maxpool
// CHECK: tile.conv {{.*}}pool = array<i64: 2, 2, 0>{{.*}} -> tensor<1x2x4x4xi8>
// CHECK-NOT: nn.maxpool
func.func @pools_kept(%x: tensor<1x2x8x8xf32>, %w: tensor<2x2x3x3xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x3xf32>, tensor<1x2x4x4xf32>) {
  %qx = qt.quantize %x : tensor<1x2x8x8xf32> -> tensor<1x2x8x8x!quant.uniform<i8:f32, 0.5>>
  %qw = qt.quantize %w : tensor<2x2x3x3xf32> -> tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>
  %a0 = nn.conv %qx, %qw {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>>
  %f0 = qt.dequantize %a0 : tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>> -> tensor<1x2x8x8xf32>
  %p0 = nn.maxpool %f0 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32>
  %q0 = qt.quantize %p0 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>>
  %d0 = qt.dequantize %q0 : tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2x4x4xf32>
  %a1 = nn.conv %qx, %qw {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>>
  %f1 = qt.dequantize %a1 : tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>> -> tensor<1x2x8x8xf32>
  %r1 = nn.relu %f1 : tensor<1x2x8x8xf32>
  %p1 = nn.maxpool %r1 {kernel_shape = array<i64: 2, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x3xf32>
  %q1 = qt.quantize %p1 : tensor<1x2x4x3xf32> -> tensor<1x2x4x3x!quant.uniform<i8:f32, 0.25>>
  %d1 = qt.dequantize %q1 : tensor<1x2x4x3x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2x4x3xf32>
  %a2 = nn.conv %qx, %qw {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x3x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>>
  %f2 = qt.dequantize %a2 : tensor<1x2x8x8x!quant.uniform<i32:f32, 0.25>> -> tensor<1x2x8x8xf32>
  %p2 = nn.maxpool %f2 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32>
  %q2 = qt.quantize %p2 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>>
  %d2 = qt.dequantize %q2 : tensor<1x2x4x4x!quant.uniform<i8:f32, 0.25>> -> tensor<1x2x4x4xf32>
  return %d0, %d1, %d2 : tensor<1x2x4x4xf32>, tensor<1x2x4x3xf32>, tensor<1x2x4x4xf32>
}

// -----

// uint8 operands with zero points (a QLinearMatMul): the input's codes
// shifted to int8 (zero point 130 - 128 = 2); the weight's integers
// v = k - 20 = [-10, 230] in two int8 pieces each ([-10, 0], [127, 103])
// stacked along K, the input repeated to match; the bias -2 x (-10 + 230)
// for the input's zero point plus rne((138 - 128) / 0.25) = 40 for the
// output's (acc_scale 0.5 x 0.25 / 0.5); the int8 result shifted back.
// CHECK-LABEL: func.func @uint8_zero_points
// CHECK: %[[S:.*]] = qt.requantize %arg0 : tensor<1x2x!quant.uniform<u8:f32, 5.000000e-01:130>> -> tensor<1x2x!quant.uniform<i8:f32, 5.000000e-01:2>>
// CHECK: %[[X:.*]] = qt.storage_cast %[[S]] : tensor<1x2x!quant.uniform<i8:f32, 5.000000e-01:2>> -> tensor<1x2xi8>
// CHECK: %[[W:.*]] = nn.constant dense<{{\[}}[-10], [127], [0], [103]]> : tensor<4x1xi8>
// CHECK: %[[XX:.*]] = nn.concat %[[X]], %[[X]] {axis = 1 : i64} : (tensor<1x2xi8>, tensor<1x2xi8>) -> tensor<1x4xi8>
// CHECK: %[[B:.*]] = nn.constant dense<-400> : tensor<1xi32>
// CHECK: %[[Y:.*]] = tile.matmul %[[XX]], %[[W]], %[[B]] {acc_scale = array<f32: 2.500000e-01>} : (tensor<1x4xi8>, tensor<4x1xi8>, tensor<1xi32>) -> tensor<1x1xi8>
// CHECK: %[[YS:.*]] = qt.storage_cast %[[Y]] : tensor<1x1xi8> -> tensor<1x1x!quant.uniform<i8:f32, 5.000000e-01:10>>
// CHECK: %[[YU:.*]] = qt.requantize %[[YS]] : tensor<1x1x!quant.uniform<i8:f32, 5.000000e-01:10>> -> tensor<1x1x!quant.uniform<u8:f32, 5.000000e-01:138>>
// CHECK: return %[[YU]]
func.func @uint8_zero_points(%x: tensor<1x2x!quant.uniform<u8:f32, 0.5:130>>) -> tensor<1x1x!quant.uniform<u8:f32, 0.5:138>> {
  %k = nn.constant dense<[[10], [250]]> : tensor<2x1xui8>
  %w = qt.storage_cast %k : tensor<2x1xui8> -> tensor<2x1x!quant.uniform<u8:f32, 0.25:20>>
  %acc = nn.matmul %x, %w : (tensor<1x2x!quant.uniform<u8:f32, 0.5:130>>, tensor<2x1x!quant.uniform<u8:f32, 0.25:20>>) -> tensor<1x1x!quant.uniform<i32:f32, 0.125>>
  %y = qt.requantize %acc : tensor<1x1x!quant.uniform<i32:f32, 0.125>> -> tensor<1x1x!quant.uniform<u8:f32, 0.5:138>>
  return %y : tensor<1x1x!quant.uniform<u8:f32, 0.5:138>>
}

// -----

// A padded convolution on an input with zero point 3: padded on the host
// with code 3 (the array pads with 0), the bias -3 x 2.
// CHECK-LABEL: func.func @conv_zero_point
// CHECK: %[[P:.*]] = nn.pad %{{.*}} {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 3.000000e+00 : f64} : (tensor<1x1x2x2xi8>) -> tensor<1x1x4x4xi8>
// CHECK: %[[W:.*]] = nn.constant dense<2> : tensor<1x1x1x1xi8>
// CHECK: %[[B:.*]] = nn.constant dense<-6> : tensor<1xi32>
// CHECK: tile.conv %[[P]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x4x4xi8>, tensor<1x1x1x1xi8>, tensor<1xi32>) -> tensor<1x1x4x4xi32>
func.func @conv_zero_point(%x: tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<1x1x4x4x!quant.uniform<i32:f32, 0.25>> {
  %k = nn.constant dense<2> : tensor<1x1x1x1xi8>
  %w = qt.storage_cast %k : tensor<1x1x1x1xi8> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  %acc = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5:3>>, tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x4x4x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<1x1x4x4x!quant.uniform<i32:f32, 0.25>>
}

// -----

// A ReLU before a uint8 output with zero point 0 (code -128 once signed)
// is the store path's saturation: no activation, the bias
// rne(-128 / 0.5) = -256 (acc_scale 0.5 x 0.5 / 0.5).
// CHECK-LABEL: func.func @relu_as_saturation
// CHECK: %[[B:.*]] = nn.constant dense<-256> : tensor<2xi32>
// CHECK: %[[Y:.*]] = tile.matmul %{{.*}}, %{{.*}}, %[[B]] {acc_scale = array<f32: 5.000000e-01>} : {{.*}} -> tensor<4x2xi8>
// CHECK: %[[S:.*]] = qt.storage_cast %[[Y]] : tensor<4x2xi8> -> tensor<4x2x!quant.uniform<i8:f32, 5.000000e-01:-128>>
// CHECK: %[[U:.*]] = qt.requantize %[[S]] : {{.*}} -> tensor<4x2x!quant.uniform<u8:f32, 5.000000e-01>>
// CHECK: return %[[U]]
// CHECK-NOT: nn.relu
func.func @relu_as_saturation(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<u8:f32, 0.5>> {
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  %f = qt.dequantize %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>> -> tensor<4x2xf32>
  %r = nn.relu %f : tensor<4x2xf32>
  %q = qt.quantize %r : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<u8:f32, 0.5>>
  return %q : tensor<4x2x!quant.uniform<u8:f32, 0.5>>
}

// -----

// A ReLU before an output whose code 0 is not 0 and whose saturation is
// not the ReLU (zero point 10, -118 once signed) stays on the host, the
// layer keeping its int32 accumulator; so does a layer whose output zero
// point would join the bias divided by an acc_scale above 1
// (0.5 x 0.5 / 0.1).
// CHECK-LABEL: func.func @zero_point_not_fused
// CHECK: tile.matmul {{.*}} -> tensor<4x2xi32>
// CHECK: nn.relu
// CHECK: qt.quantize
// CHECK: tile.matmul {{.*}} -> tensor<4x2xi32>
// CHECK: qt.requantize {{.*}} -> tensor<4x2x!quant.uniform<u8:f32, 1.000000e-01:100>>
func.func @zero_point_not_fused(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> (tensor<4x2x!quant.uniform<u8:f32, 0.5:10>>, tensor<4x2x!quant.uniform<u8:f32, 0.1:100>>) {
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  %f = qt.dequantize %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>> -> tensor<4x2xf32>
  %r = nn.relu %f : tensor<4x2xf32>
  %q = qt.quantize %r : tensor<4x2xf32> -> tensor<4x2x!quant.uniform<u8:f32, 0.5:10>>
  %acc2 = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  %y = qt.requantize %acc2 : tensor<4x2x!quant.uniform<i32:f32, 0.25>> -> tensor<4x2x!quant.uniform<u8:f32, 0.1:100>>
  return %q, %y : tensor<4x2x!quant.uniform<u8:f32, 0.5:10>>, tensor<4x2x!quant.uniform<u8:f32, 0.1:100>>
}

// -----

// Gemm's matrix C: a bias per result element, Gemmini's D without
// repeating_bias, passed as it is.
// CHECK-LABEL: func.func @matrix_bias
// CHECK: %[[B:.*]] = qt.storage_cast %arg2 : tensor<4x2x!quant.uniform<i32:f32, 2.500000e-01>> -> tensor<4x2xi32>
// CHECK: tile.matmul %{{.*}}, %{{.*}}, %[[B]] : (tensor<4x8xi8>, tensor<8x2xi8>, tensor<4x2xi32>) -> tensor<4x2xi32>
func.func @matrix_bias(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>, %c: tensor<4x2x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  %acc = nn.gemm %x, %w, %c : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>, tensor<4x2x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}
