// RUN: tessel-opt %s --qt-quantize="scheme=int8 search=max" | FileCheck %s

// Gemm's alpha and beta move into the weight and the bias (alpha * A.B +
// beta * C = A.(alpha * B) + (beta * C)), so the product is plain and
// quantizes; the scales then cover the scaled values.
// CHECK-LABEL: func.func @gemm
// CHECK-DAG: %[[A:.*]] = nn.constant dense<2.500000e-01> : tensor<1xf32>
// CHECK-DAG: %[[B:.*]] = nn.constant dense<3.000000e+00> : tensor<1xf32>
// CHECK-DAG: %[[W:.*]] = nn.mul %arg1, %[[A]] : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xf32>
// CHECK-DAG: %[[C:.*]] = nn.mul %arg2, %[[B]] : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
// CHECK-DAG: qt.quantize %[[W]]
// CHECK-DAG: qt.quantize %[[C]]
// CHECK: nn.gemm %{{.*}} {trans_b = true} : {{.*}} -> tensor<2x4x!quant.uniform<i32
func.func @gemm(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %c: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = nn.gemm %x, %w, %c {alpha = 0.25 : f32, beta = 3.0 : f32, trans_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// A single bias value broadcast over the channels becomes one per channel
// (added to zeros), so it accumulates in int32; so does an M x N bias (one
// per result element); one broadcast along the
// rows (M x 1) keeps the product float.
// CHECK-LABEL: func.func @scalar_bias
// CHECK: %[[Z:.*]] = nn.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK: %[[B:.*]] = nn.add %arg2, %[[Z]] : (tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
// CHECK: qt.quantize %[[B]] : tensor<4xf32> -> tensor<4x!quant.uniform<i32
func.func @scalar_bias(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %c: tensor<1xf32>) -> tensor<2x4xf32> {
  %0 = nn.gemm %x, %w, %c : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<1xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @matrix_bias
// CHECK: %[[C:.*]] = qt.quantize %arg2 : tensor<2x4xf32> -> tensor<2x4x!quant.uniform<i32:f32,
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %[[C]] : {{.*}} -> tensor<2x4x!quant.uniform<i32:f32,
func.func @matrix_bias(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = nn.gemm %x, %w, %c : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @row_bias
// CHECK: nn.gemm {{.*}} -> tensor<2x4xf32>
func.func @row_bias(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %c: tensor<2x1xf32>) -> tensor<2x4xf32> {
  %0 = nn.gemm %x, %w, %c : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
