// RUN: tessel-opt %s --nn-fold-batch-norm --split-input-file | FileCheck %s
// Running the function before and after the fold gives the same outputs.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.random.default_rng(3).standard_normal((1, 2, 5, 5)).astype(np.float32))"
// RUN: tessel-run %s --entry with_bias --input x=%t/x.npy --output-dir %t/before
// RUN: tessel-opt %s --nn-fold-batch-norm -o %t/folded.mlir
// RUN: tessel-run %t/folded.mlir --entry with_bias --input x=%t/x.npy --output-dir %t/after
// RUN: %python -c "import numpy as np; a = np.load('%t/before/y.npy'); b = np.load('%t/after/y.npy'); assert np.allclose(a, b, rtol=1e-5, atol=1e-5), abs(a - b).max(); print('same')" | FileCheck %s --check-prefix=SAME
// SAME: same

// CHECK-LABEL: func.func @with_bias
// CHECK-NOT: nn.batch_norm
// CHECK: %[[Y:.*]] = nn.conv %{{.*}}, %{{.*}}, %{{.*}} {{.*}}strides = array<i64: 2, 2>
// CHECK-NOT: nn.batch_norm
// CHECK: return %[[Y]]
func.func @with_bias(%x: tensor<1x2x5x5xf32> {onnx.name = "x"}) -> (tensor<1x3x3x3xf32> {onnx.name = "y"}) {
  %w = nn.constant dense<[[[[1.0, -2.0, 0.5]], [[0.25, 1.0, -1.0]]], [[[2.0, 0.0, 1.0]], [[-0.5, 0.5, 3.0]]], [[[0.1, 0.2, 0.3]], [[0.4, 0.5, 0.6]]]]> : tensor<3x2x1x3xf32>
  %b = nn.constant dense<[0.5, -1.0, 2.0]> : tensor<3xf32>
  %s = nn.constant dense<[1.5, 0.5, -2.0]> : tensor<3xf32>
  %t = nn.constant dense<[0.1, 0.2, 0.3]> : tensor<3xf32>
  %m = nn.constant dense<[-0.5, 1.0, 0.0]> : tensor<3xf32>
  %v = nn.constant dense<[4.0, 0.25, 1.0]> : tensor<3xf32>
  %c = nn.conv %x, %w, %b {dilations = array<i64: 1, 1>, pads = array<i64: 0, 1, 0, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x5x5xf32>, tensor<3x2x1x3xf32>, tensor<3xf32>) -> tensor<1x3x3x3xf32>
  %y = nn.batch_norm %c, %s, %t, %m, %v {epsilon = 1.0e-3 : f32} : (tensor<1x3x3x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// -----

// Without a bias, the fold makes one; the folded values, by hand:
// s = 2 / sqrt(3 + 1) = 1, w' = w, b' = (0 - 1) * 1 + 0.5 = -0.5.
// CHECK-LABEL: func.func @no_bias
// CHECK: nn.constant dense<2.000000e+00> : tensor<1x1x1x1xf32>
// CHECK: nn.constant dense<-5.000000e-01> : tensor<1xf32>
// CHECK: nn.conv
// CHECK-NOT: nn.batch_norm
func.func @no_bias(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %w = nn.constant dense<2.0> : tensor<1x1x1x1xf32>
  %s = nn.constant dense<2.0> : tensor<1xf32>
  %t = nn.constant dense<0.5> : tensor<1xf32>
  %m = nn.constant dense<1.0> : tensor<1xf32>
  %v = nn.constant dense<3.0> : tensor<1xf32>
  %c = nn.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %y = nn.batch_norm %c, %s, %t, %m, %v {epsilon = 1.0 : f32} : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// -----

// A convolution with another user, or a weight that is not a constant, stays.
// CHECK-LABEL: func.func @kept
// CHECK: nn.batch_norm
// CHECK: nn.batch_norm
func.func @kept(%x: tensor<1x1x2x2xf32>, %w2: tensor<1x1x1x1xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) {
  %w = nn.constant dense<2.0> : tensor<1x1x1x1xf32>
  %p = nn.constant dense<1.0> : tensor<1xf32>
  %c = nn.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %y = nn.batch_norm %c, %p, %p, %p, %p : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  %c2 = nn.conv %x, %w2 {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %y2 = nn.batch_norm %c2, %p, %p, %p, %p : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32>
  return %y, %c, %y2 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>
}
