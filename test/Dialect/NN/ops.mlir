// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// RUN: tessel-opt %s --mlir-print-op-generic | tessel-opt | FileCheck %s

// CHECK-LABEL: func @constant
func.func @constant() -> (tensor<2xf32>, tensor<2x2xi8>) {
  // CHECK: nn.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  %0 = nn.constant dense<[1.0, 2.0]> : tensor<2xf32>
  // CHECK: nn.constant dense<3> : tensor<2x2xi8>
  %1 = nn.constant dense<3> : tensor<2x2xi8>
  return %0, %1 : tensor<2xf32>, tensor<2x2xi8>
}

// CHECK-LABEL: func @conv_family
func.func @conv_family(%x: tensor<1x8x16x16xf32>, %w: tensor<4x2x3x3xf32>,
                       %b: tensor<4xf32>, %wt: tensor<8x2x2x2xf32>,
                       %x1: tensor<2x3x10xf32>, %w1: tensor<6x3x3xf32>) {
  // CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x7x7xf32>
  %0 = nn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>,
                           dilations = array<i64: 2, 2>, group = 4 : i64}
      : (tensor<1x8x16x16xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x7x7xf32>
  // 1-D convolution without bias.
  // CHECK: nn.conv %{{.*}}, %{{.*}} {{.*}} : (tensor<2x3x10xf32>, tensor<6x3x3xf32>) -> tensor<2x6x8xf32>
  %1 = nn.conv %x1, %w1 {strides = array<i64: 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1>}
      : (tensor<2x3x10xf32>, tensor<6x3x3xf32>) -> tensor<2x6x8xf32>
  // CHECK: nn.conv_transpose {{.*}} -> tensor<1x8x32x32xf32>
  %2 = nn.conv_transpose %x, %wt {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>,
                                  dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>,
                                  group = 4 : i64}
      : (tensor<1x8x16x16xf32>, tensor<8x2x2x2xf32>) -> tensor<1x8x32x32xf32>
  return
}

// CHECK-LABEL: func @products
func.func @products(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>,
                    %ba: tensor<2x1x3x4xf32>, %bb: tensor<6x4x7xf32>, %v: tensor<4xf32>) {
  // CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 2.000000e+00 : f32, trans_b = true} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %0 = nn.gemm %a, %b, %c {alpha = 2.0 : f32, trans_b = true}
      : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  // CHECK: nn.matmul {{.*}} -> tensor<2x6x3x7xf32>
  %1 = nn.matmul %ba, %bb : (tensor<2x1x3x4xf32>, tensor<6x4x7xf32>) -> tensor<2x6x3x7xf32>
  // CHECK: nn.matmul {{.*}} -> tensor<3xf32>
  %2 = nn.matmul %a, %v : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  return
}

// CHECK-LABEL: func @elementwise
func.func @elementwise(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %s: tensor<f32>) {
  // CHECK: nn.add {{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = nn.add %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.sub
  %1 = nn.sub %y, %x : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.mul
  %2 = nn.mul %x, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.div
  %3 = nn.div %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.pow
  %4 = nn.pow %x, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.relu %{{.*}} : tensor<2x3xf32>
  %5 = nn.relu %x : tensor<2x3xf32>
  // CHECK: nn.sigmoid
  %6 = nn.sigmoid %x : tensor<2x3xf32>
  // CHECK: nn.tanh
  %7 = nn.tanh %x : tensor<2x3xf32>
  // CHECK: nn.erf
  %8 = nn.erf %x : tensor<2x3xf32>
  // CHECK: nn.sqrt
  %9 = nn.sqrt %x : tensor<2x3xf32>
  // CHECK: nn.exp
  %10 = nn.exp %x : tensor<2x3xf32>
  // CHECK: nn.identity
  %11 = nn.identity %x : tensor<2x3xf32>
  // CHECK: nn.leaky_relu %{{.*}} {alpha = 1.000000e-01 : f32}
  %12 = nn.leaky_relu %x {alpha = 0.1 : f32} : tensor<2x3xf32>
  // CHECK: nn.gelu %{{.*}} {approximate = "tanh"}
  %13 = nn.gelu %x {approximate = "tanh"} : tensor<2x3xf32>
  // CHECK: nn.clip %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
  %14 = nn.clip %x {min = 0.0 : f64, max = 6.0 : f64} : tensor<2x3xf32>
  // CHECK: nn.cast %{{.*}} {to = i8} : (tensor<2x3xf32>) -> tensor<2x3xi8>
  %15 = nn.cast %x {to = i8} : (tensor<2x3xf32>) -> tensor<2x3xi8>
  return
}

// CHECK-LABEL: func @elementwise_more
func.func @elementwise_more(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %s: tensor<f32>,
                            %i: tensor<4xi32>, %c: tensor<1x3x2x2xf32>, %k: tensor<3x1x1xf32>) {
  // CHECK: nn.neg %{{.*}} : tensor<2x3xf32>
  %0 = nn.neg %x : tensor<2x3xf32>
  // CHECK: nn.abs %{{.*}} : tensor<4xi32>
  %1 = nn.abs %i : tensor<4xi32>
  // CHECK: nn.sign %{{.*}} : tensor<4xi32>
  %2 = nn.sign %i : tensor<4xi32>
  // CHECK: nn.floor
  %3 = nn.floor %x : tensor<2x3xf32>
  // CHECK: nn.ceil
  %4 = nn.ceil %x : tensor<2x3xf32>
  // CHECK: nn.round
  %5 = nn.round %x : tensor<2x3xf32>
  // CHECK: nn.reciprocal
  %6 = nn.reciprocal %x : tensor<2x3xf32>
  // CHECK: nn.log
  %7 = nn.log %x : tensor<2x3xf32>
  // CHECK: nn.softplus
  %8 = nn.softplus %x : tensor<2x3xf32>
  // CHECK: nn.softsign
  %9 = nn.softsign %x : tensor<2x3xf32>
  // CHECK: nn.sin %{{.*}} : tensor<2x3xf32>
  %t_sin = nn.sin %x : tensor<2x3xf32>
  // CHECK: nn.cos %{{.*}} : tensor<2x3xf32>
  %t_cos = nn.cos %x : tensor<2x3xf32>
  // CHECK: nn.tan %{{.*}} : tensor<2x3xf32>
  %t_tan = nn.tan %x : tensor<2x3xf32>
  // CHECK: nn.asin %{{.*}} : tensor<2x3xf32>
  %t_asin = nn.asin %x : tensor<2x3xf32>
  // CHECK: nn.acos %{{.*}} : tensor<2x3xf32>
  %t_acos = nn.acos %x : tensor<2x3xf32>
  // CHECK: nn.atan %{{.*}} : tensor<2x3xf32>
  %t_atan = nn.atan %x : tensor<2x3xf32>
  // CHECK: nn.sinh %{{.*}} : tensor<2x3xf32>
  %t_sinh = nn.sinh %x : tensor<2x3xf32>
  // CHECK: nn.cosh %{{.*}} : tensor<2x3xf32>
  %t_cosh = nn.cosh %x : tensor<2x3xf32>
  // CHECK: nn.asinh %{{.*}} : tensor<2x3xf32>
  %t_asinh = nn.asinh %x : tensor<2x3xf32>
  // CHECK: nn.acosh %{{.*}} : tensor<2x3xf32>
  %t_acosh = nn.acosh %x : tensor<2x3xf32>
  // CHECK: nn.atanh %{{.*}} : tensor<2x3xf32>
  %t_atanh = nn.atanh %x : tensor<2x3xf32>
  // CHECK: nn.hard_swish
  %10 = nn.hard_swish %x : tensor<2x3xf32>
  // CHECK: nn.hard_sigmoid %{{.*}} {alpha = 0.166666672 : f32} : tensor<2x3xf32>
  %11 = nn.hard_sigmoid %x {alpha = 0.16666667 : f32, beta = 0.5 : f32} : tensor<2x3xf32>
  // CHECK: nn.elu %{{.*}} {alpha = 2.000000e+00 : f32}
  %12 = nn.elu %x {alpha = 2.0 : f32} : tensor<2x3xf32>
  // CHECK: nn.selu %{{.*}} : tensor<2x3xf32>
  %13 = nn.selu %x : tensor<2x3xf32>
  // CHECK: nn.celu %{{.*}} {alpha = 5.000000e-01 : f32}
  %14 = nn.celu %x {alpha = 0.5 : f32} : tensor<2x3xf32>
  // CHECK: nn.thresholded_relu %{{.*}} {alpha = 2.000000e+00 : f32}
  %15 = nn.thresholded_relu %x {alpha = 2.0 : f32} : tensor<2x3xf32>
  // CHECK: nn.mod %{{.*}}, %{{.*}} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %16 = nn.mod %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  // CHECK: nn.mod %{{.*}}, %{{.*}} {fmod = true} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %17 = nn.mod %x, %s {fmod = true} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.prelu %{{.*}}, %{{.*}} : (tensor<1x3x2x2xf32>, tensor<3x1x1xf32>) -> tensor<1x3x2x2xf32>
  %18 = nn.prelu %c, %k : (tensor<1x3x2x2xf32>, tensor<3x1x1xf32>) -> tensor<1x3x2x2xf32>
  // CHECK: nn.min %{{.*}}, %{{.*}}, %{{.*}} : (tensor<3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %19 = nn.min %y, %x, %s : (tensor<3xf32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  // CHECK: nn.max %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %20 = nn.max %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.sum
  %21 = nn.sum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: nn.mean
  %22 = nn.mean %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func @compare_logic
func.func @compare_logic(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %b: tensor<2x3xi1>, %c: tensor<i1>) {
  // CHECK: nn.equal %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %0 = nn.equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: nn.less
  %1 = nn.less %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: nn.less_or_equal
  %2 = nn.less_or_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: nn.greater
  %3 = nn.greater %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: nn.greater_or_equal
  %4 = nn.greater_or_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: nn.and %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<i1>) -> tensor<2x3xi1>
  %5 = nn.and %b, %c : (tensor<2x3xi1>, tensor<i1>) -> tensor<2x3xi1>
  // CHECK: nn.or
  %6 = nn.or %b, %c : (tensor<2x3xi1>, tensor<i1>) -> tensor<2x3xi1>
  // CHECK: nn.xor
  %7 = nn.xor %b, %b : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // CHECK: nn.not %{{.*}} : tensor<2x3xi1>
  %8 = nn.not %b : tensor<2x3xi1>
  // CHECK: nn.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<i1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %9 = nn.where %c, %x, %y : (tensor<i1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func @normalization
func.func @normalization(%x: tensor<2x4x8xf32>, %g: tensor<8xf32>, %c: tensor<4xf32>) {
  // CHECK: nn.softmax %{{.*}} {axis = 1 : i64} : tensor<2x4x8xf32>
  %0 = nn.softmax %x {axis = 1 : i64} : tensor<2x4x8xf32>
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {axis = -2 : i64, epsilon = 1.000000e-03 : f32}
  %1 = nn.layer_norm %x, %g, %g {axis = -2 : i64, epsilon = 1.0e-3 : f32}
      : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  // Defaults are elided.
  // CHECK: nn.layer_norm %{{.*}}, %{{.*}} : (tensor<2x4x8xf32>, tensor<8xf32>)
  %3 = nn.layer_norm %x, %g {axis = -1 : i64, epsilon = 1.0e-5 : f32}
      : (tensor<2x4x8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  // CHECK: nn.batch_norm
  %2 = nn.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f32}
      : (tensor<2x4x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x8xf32>
  return
}

// CHECK-LABEL: func @pooling
func.func @pooling(%x: tensor<1x2x5x5xf32>) {
  // CHECK: nn.maxpool {{.*}} -> tensor<1x2x3x3xf32>
  %0 = nn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>,
                      pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true}
      : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  // CHECK: nn.avgpool {{.*}} -> tensor<1x2x3x3xf32>
  %1 = nn.avgpool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
                      pads = array<i64: 1, 1, 1, 1>, count_include_pad = true}
      : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  // CHECK: nn.global_avgpool {{.*}} -> tensor<1x2x1x1xf32>
  %2 = nn.global_avgpool %x : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x1xf32>
  // CHECK: nn.reduce_mean {{.*}} -> tensor<1x2x1x1xf32>
  %3 = nn.reduce_mean %x {axes = array<i64: 2, 3>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x1xf32>
  // CHECK: nn.reduce_sum {{.*}} -> tensor<f32>
  %4 = nn.reduce_sum %x {axes = array<i64>, keepdims = false} : (tensor<1x2x5x5xf32>) -> tensor<f32>
  // CHECK: nn.reduce_max {{.*}} -> tensor<1x5x5xf32>
  %5 = nn.reduce_max %x {axes = array<i64: -3>, keepdims = false} : (tensor<1x2x5x5xf32>) -> tensor<1x5x5xf32>
  // CHECK: nn.reduce_min {{.*}} -> tensor<1x2x1x5xf32>
  %6 = nn.reduce_min %x {axes = array<i64: 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x5xf32>
  // CHECK: nn.reduce_prod
  %7 = nn.reduce_prod %x {axes = array<i64: 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x5xf32>
  // CHECK: nn.reduce_l1
  %8 = nn.reduce_l1 %x {axes = array<i64: 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x5xf32>
  // CHECK: nn.reduce_l2
  %9 = nn.reduce_l2 %x {axes = array<i64: 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x5xf32>
  // CHECK: nn.reduce_log_sum {{.*}}
  %10 = nn.reduce_log_sum %x {axes = array<i64: 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x5xf32>
  // CHECK: nn.reduce_log_sum_exp
  %11 = nn.reduce_log_sum_exp %x {axes = array<i64: 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x5xf32>
  // CHECK: nn.reduce_sum_square
  %12 = nn.reduce_sum_square %x {axes = array<i64: 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x5xf32>
  // CHECK: nn.argmax %{{.*}} {axis = 1 : i64, keepdims = false} : (tensor<1x2x5x5xf32>) -> tensor<1x5x5xi64>
  %13 = nn.argmax %x {axis = 1 : i64, keepdims = false} : (tensor<1x2x5x5xf32>) -> tensor<1x5x5xi64>
  // CHECK: nn.argmin %{{.*}} {axis = -1 : i64, select_last_index = true} : (tensor<1x2x5x5xf32>) -> tensor<1x2x5x1xi64>
  %14 = nn.argmin %x {axis = -1 : i64, select_last_index = true} : (tensor<1x2x5x5xf32>) -> tensor<1x2x5x1xi64>
  return
}

// CHECK-LABEL: func @cumsum
func.func @cumsum(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  // CHECK: nn.cumsum %{{.*}} {axis = 1 : i64, exclusive = true, reverse = true} : tensor<2x5xf32>
  %0 = nn.cumsum %x {axis = 1 : i64, exclusive = true, reverse = true} : tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// CHECK-LABEL: func @movement
func.func @movement(%x: tensor<2x3x4xf32>, %i: tensor<5xi64>) {
  // CHECK: nn.reshape %{{.*}} {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %0 = nn.reshape %x {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  // CHECK: nn.transpose %{{.*}} {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = nn.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  // CHECK: nn.concat {{.*}} -> tensor<2x6x4xf32>
  %2 = nn.concat %x, %x {axis = -2 : i64} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x6x4xf32>
  // CHECK: nn.split {{.*}} -> (tensor<2x1x4xf32>, tensor<2x2x4xf32>)
  %3:2 = nn.split %x {axis = 1 : i64, sizes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> (tensor<2x1x4xf32>, tensor<2x2x4xf32>)
  // CHECK: nn.slice {{.*}} -> tensor<2x3x2xf32>
  %4 = nn.slice %x {starts = array<i64: 0, 2, 0>, ends = array<i64: 2, -1, 4>, steps = array<i64: 1, -1, 2>}
      : (tensor<2x3x4xf32>) -> tensor<2x3x2xf32>
  // CHECK: nn.gather {{.*}} -> tensor<2x5x4xf32>
  %5 = nn.gather %x, %i {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<5xi64>) -> tensor<2x5x4xf32>
  // CHECK: nn.pad {{.*}} {mode = "edge", pads = array<i64: 0, 1, 0, 0, 1, -1>} : (tensor<2x3x4xf32>) -> tensor<2x5x3xf32>
  %6 = nn.pad %x {pads = array<i64: 0, 1, 0, 0, 1, -1>, mode = "edge"} : (tensor<2x3x4xf32>) -> tensor<2x5x3xf32>
  // CHECK: nn.resize {{.*}} -> tensor<2x6x8xf32>
  %7 = nn.resize %x {sizes = array<i64: 2, 6, 8>, scales = array<f64: 1.0, 2.0, 2.0>,
                     coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"}
      : (tensor<2x3x4xf32>) -> tensor<2x6x8xf32>
  // CHECK: nn.resize %{{.*}} {antialias = true, cubic_coeff_a = -5.000000e-01 : f64, exclude_outside = true, mode = "cubic", scales = array<f64: 1.000000e+00, 5.000000e-01, 5.000000e-01>, sizes = array<i64: 2, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x1x2xf32>
  %8 = nn.resize %x {mode = "cubic", cubic_coeff_a = -0.5, exclude_outside = true, antialias = true,
                     sizes = array<i64: 2, 1, 2>, scales = array<f64: 1.0, 0.5, 0.5>}
      : (tensor<2x3x4xf32>) -> tensor<2x1x2xf32>
  // CHECK: nn.resize %{{.*}} {coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 1.000000e+01 : f64, mode = "linear", roi = array<f64: 0.000000e+00, 2.500000e-01, 0.000000e+00, 1.000000e+00, 7.500000e-01, 1.000000e+00>, scales = array<f64: 1.000000e+00, 1.000000e+00, 1.000000e+00>, sizes = array<i64: 2, 3, 4>}
  %9 = nn.resize %x {mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize",
                     roi = array<f64: 0.0, 0.25, 0.0, 1.0, 0.75, 1.0>, extrapolation_value = 10.0,
                     sizes = array<i64: 2, 3, 4>, scales = array<f64: 1.0, 1.0, 1.0>}
      : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func @quantized
func.func @quantized(%x: tensor<1x4xf32>, %s: tensor<f32>, %z: tensor<i8>, %sc: tensor<4xf32>,
                     %q: tensor<1x1x4x4xui8>, %qw: tensor<2x1x1x1xui8>, %uz: tensor<ui8>,
                     %qa: tensor<2x4xui8>, %qb: tensor<4x3xui8>, %bias: tensor<2xi32>) {
  // CHECK: nn.quantize_linear {{.*}} -> tensor<1x4xi8>
  %0 = nn.quantize_linear %x, %s, %z : (tensor<1x4xf32>, tensor<f32>, tensor<i8>) -> tensor<1x4xi8>
  // CHECK: nn.quantize_linear {{.*}} -> tensor<1x4xui8>
  %1 = nn.quantize_linear %x, %sc {axis = 1 : i64} : (tensor<1x4xf32>, tensor<4xf32>) -> tensor<1x4xui8>
  // CHECK: nn.dequantize_linear {{.*}} -> tensor<1x4xf32>
  %2 = nn.dequantize_linear %0, %s, %z : (tensor<1x4xi8>, tensor<f32>, tensor<i8>) -> tensor<1x4xf32>
  // CHECK: nn.qlinear_conv {{.*}} -> tensor<1x2x4x4xui8>
  %3 = nn.qlinear_conv %q, %s, %uz, %qw, %s, %uz, %s, %uz, %bias
      {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>, tensor<2x1x1x1xui8>, tensor<f32>,
         tensor<ui8>, tensor<f32>, tensor<ui8>, tensor<2xi32>) -> tensor<1x2x4x4xui8>
  // CHECK: nn.qlinear_matmul {{.*}} -> tensor<2x3xui8>
  %4 = nn.qlinear_matmul %qa, %s, %uz, %qb, %s, %uz, %s, %uz
      : (tensor<2x4xui8>, tensor<f32>, tensor<ui8>, tensor<4x3xui8>, tensor<f32>, tensor<ui8>,
         tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
  // CHECK: nn.matmul_integer %{{.*}}, %{{.*}} a_zero_point(%{{.*}}) b_zero_point(%{{.*}}) : {{.*}} -> tensor<2x3xi32>
  %5 = nn.matmul_integer %qa, %qb a_zero_point(%uz) b_zero_point(%uz)
      : (tensor<2x4xui8>, tensor<4x3xui8>, tensor<ui8>, tensor<ui8>) -> tensor<2x3xi32>
  // CHECK: nn.matmul_integer %{{.*}}, %{{.*}} b_zero_point(%{{.*}}) : {{.*}} -> tensor<2x3xi32>
  %6 = nn.matmul_integer %qa, %qb b_zero_point(%uz)
      : (tensor<2x4xui8>, tensor<4x3xui8>, tensor<ui8>) -> tensor<2x3xi32>
  // CHECK: nn.conv_integer {{.*}} x_zero_point({{.*}}) {{.*}} -> tensor<1x2x4x4xi32>
  %7 = nn.conv_integer %q, %qw x_zero_point(%uz)
      {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x1x4x4xui8>, tensor<2x1x1x1xui8>, tensor<ui8>) -> tensor<1x2x4x4xi32>
  return
}
