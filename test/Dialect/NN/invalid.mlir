// RUN: tessel-opt %s -split-input-file -verify-diagnostics

func.func @f(%x: tensor<8x16xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+2 {{expects an input of rank 3 to 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1>} : (tensor<8x16xf32>, tensor<4x8xf32>) -> tensor<8x16xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3xf32>) {
  // expected-error @+2 {{expects a weight of rank 4, got rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x8x3xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+2 {{expects 2 strides, 2 dilations and 4 pads for 2 spatial dimensions, got 1, 2 and 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+2 {{strides must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 0, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+2 {{dilations must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 0>} : (tensor<1x8x16x16xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+2 {{pads must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: -1, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+2 {{group must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 0 : i64} : (tensor<1x8x16x16xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<3x2x3x3xf32>) {
  // expected-error @+2 {{input channels (8) are not divisible by group (3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 3 : i64} : (tensor<1x8x16x16xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x4x3x3xf32>) {
  // expected-error @+2 {{weight has 4 input channels, expected 8 (input channels 8, group 1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<3x4x3x3xf32>) {
  // expected-error @+2 {{output channels (3) are not divisible by group (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x8x16x16xf32>, tensor<3x4x3x3xf32>) -> tensor<1x3x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{expects a bias of shape [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x8x3x3xf32>, tensor<5xf32>) -> tensor<1x4x14x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x17x3xf32>) {
  // expected-error @+2 {{spatial dimension 0: window of extent 17 does not fit the padded input extent 16}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x8x17x3xf32>) -> tensor<1x4x1x14xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x4x14x14xf32>' are incompatible with return type(s) of operation 'tensor<1x4x16x16xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x16x16xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %w: tensor<8x2x2x2xf32>) {
  // expected-error @+2 {{expects 2 output_padding values, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0>} : (tensor<1x8x16x16xf32>, tensor<8x2x2x2xf32>) -> tensor<1x2x32x32xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x1x1xf32>, %w: tensor<8x2x1x1xf32>) {
  // expected-error @+2 {{output spatial dimension 0 would be empty (-2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 3, 0, 0, 0>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>} : (tensor<1x8x1x1xf32>, tensor<8x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+2 {{expects rank-2 operands a and b}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<1x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) {
  // expected-error @+2 {{contracting dimensions differ: 4 vs 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>, %b: tensor<4x6xf32>, %c: tensor<4xf32>) {
  // expected-error @+2 {{c does not broadcast to the result shape [3, 6]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gemm %a, %b, %c : (tensor<3x4xf32>, tensor<4x6xf32>, tensor<4xf32>) -> tensor<3x6xf32>
  return
}

// -----

func.func @f(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) {
  // expected-error @+2 {{contracting dimensions differ: [3, 4] has 4, [5, 6] has 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return
}

// -----

func.func @f(%a: tensor<f32>, %b: tensor<5x6xf32>) {
  // expected-error @+2 {{matmul operands must have rank at least 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul %a, %b : (tensor<f32>, tensor<5x6xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{shapes [2, 3] and [4] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3xf16>) {
  // expected-error @+2 {{operand element types differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.mul %a, %b : (tensor<2x3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{approximate must be "none" or "tanh", got "fast"}}
  %0 = nn.gelu %a {approximate = "fast"} : tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{min (6.000000e+00) exceeds max (0.000000e+00)}}
  %0 = nn.clip %a {min = 6.0 : f64, max = 0.0 : f64} : tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3x4xf32>) {
  // expected-error @+1 {{axis 3 is out of range for rank 3}}
  %0 = nn.softmax %a {axis = 3 : i64} : tensor<2x3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = nn.cumsum %a {axis = -3 : i64} : tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3x4xf32>, %g: tensor<3xf32>) {
  // expected-error @+2 {{scale does not broadcast to the normalized shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %a, %g : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3x4xf32>, %g: tensor<4xf32>, %b: tensor<5xf32>) {
  // expected-error @+2 {{bias does not broadcast to the normalized shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.layer_norm %a, %g, %b : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<5xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>, %c: tensor<3xf32>) {
  // expected-error @+2 {{expects an input of rank at least 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %a, %c, %c, %c, %c : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %c: tensor<3xf32>, %d: tensor<4xf32>) {
  // expected-error @+2 {{expects scale, bias, mean and variance of shape [3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.batch_norm %a, %c, %c, %c, %d : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{expects an input of rank at least 3 (N, C, spatial...)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.maxpool %a {kernel_shape = array<i64: 2>, strides = array<i64: 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+2 {{expects 2 kernel_shape values, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.maxpool %x {kernel_shape = array<i64: 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x15x15xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+2 {{kernel_shape values must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.avgpool %x {kernel_shape = array<i64: 0, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x15x15xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+2 {{padding must be smaller than the kernel in spatial dimension 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.maxpool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 2>, dilations = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x15x17xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{expects an input of rank at least 3 (N, C, spatial...)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.global_avgpool %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{axis -1 is listed twice}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_sum %a {axes = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{axis -3 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_max %a {axes = array<i64: -3>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{shape entries must be non-negative, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %a {shape = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{cannot reshape 6 elements into 8}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reshape %a {shape = array<i64: 8>} : (tensor<2x3xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{perm has 1 entries for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %a {perm = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{perm is not a permutation of [0, rank)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.transpose %a {perm = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+2 {{expects at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat {axis = 0 : i64} : () -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{inputs differ in rank or element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+2 {{inputs differ in dimension 1 (3 vs 4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{sizes must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = nn.split %a {axis = 1 : i64, sizes = array<i64: 4, -1>} : (tensor<2x3xf32>) -> (tensor<2x4xf32>, tensor<2x0xf32>)
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{sizes sum to 4 but the split dimension is 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = nn.split %a {axis = 1 : i64, sizes = array<i64: 2, 2>} : (tensor<2x3xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>)
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{expects one start, end and step per dimension (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %a {starts = array<i64: 0>, ends = array<i64: 1>, steps = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{steps must be non-zero}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %a {starts = array<i64: 0, 0>, ends = array<i64: 1, 3>, steps = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{bounds of dimension 1 are not normalized (start 0, end 5, step 1, size 3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.slice %a {starts = array<i64: 0, 0>, ends = array<i64: 2, 5>, steps = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %i: tensor<4xi64>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.gather %a, %i {axis = 2 : i64} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{expects 4 pads, got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %a {pads = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{padding makes dimension 0 negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %a {pads = array<i64: -2, 0, -1, 0>} : (tensor<2x3xf32>) -> tensor<0x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{padding overflows dimension 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pad %a {pads = array<i64: 0, 9223372036854775807, 0, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{mode must be "constant", "reflect" or "edge", got "wrap"}}
  %0 = nn.pad %a {pads = array<i64: 0, 0, 0, 0>, mode = "wrap"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{reflect padding of dimension 1 must be smaller than its size 3}}
  %0 = nn.pad %a {pads = array<i64: 0, 3, 0, 0>, mode = "reflect"} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{expects one size and one scale per dimension (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 2.0>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{scales must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 1.0, 0.0>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{sizes must be positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.resize %a {sizes = array<i64: 2, 0>, scales = array<f64: 1.0, 2.0>} : (tensor<2x3xf32>) -> tensor<2x0xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{unsupported coordinate_transformation_mode "tf_half_pixel"}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 1.0, 2.0>, coordinate_transformation_mode = "tf_half_pixel"} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{unsupported mode "bilinear"}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 1.0, 2.0>, mode = "bilinear"} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{antialias needs mode linear or cubic}}
  %0 = nn.resize %a {sizes = array<i64: 2, 1>, scales = array<f64: 1.0, 0.5>, antialias = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{roi is given exactly with tf_crop_and_resize}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 1.0, 2.0>, coordinate_transformation_mode = "tf_crop_and_resize"} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{roi is given exactly with tf_crop_and_resize}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 1.0, 2.0>, roi = array<f64: 0.0, 0.0, 1.0, 1.0>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{roi needs a start and an end per dimension (4 values)}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 1.0, 2.0>, coordinate_transformation_mode = "tf_crop_and_resize", roi = array<f64: 0.0, 1.0>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{unsupported nearest_mode "nearest"}}
  %0 = nn.resize %a {sizes = array<i64: 2, 6>, scales = array<f64: 1.0, 2.0>, nearest_mode = "nearest"} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x4xf32>, %s: tensor<3xf32>) {
  // expected-error @+2 {{per-axis scale has 3 entries but axis 1 has size 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.quantize_linear %a, %s : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2x4xui8>
  return
}

// -----

func.func @f(%a: tensor<2x4xf32>, %s: tensor<2x4xf32>) {
  // expected-error @+2 {{scale must be a scalar or 1-D}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.quantize_linear %a, %s : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xui8>
  return
}

// -----

func.func @f(%a: tensor<2x4xf32>, %s: tensor<f32>, %z: tensor<4xi8>) {
  // expected-error @+2 {{zero_point must have the shape of scale}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.quantize_linear %a, %s, %z : (tensor<2x4xf32>, tensor<f32>, tensor<4xi8>) -> tensor<2x4xi8>
  return
}

// -----

func.func @f(%a: tensor<2x4xi8>, %s: tensor<i32>) {
  // expected-error @+2 {{scale must have a floating-point element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.dequantize_linear %a, %s : (tensor<2x4xi8>, tensor<i32>) -> tensor<2x4xi32>
  return
}

// -----

func.func @f(%x: tensor<1x1x4x4xui8>, %s: tensor<2xf32>, %z: tensor<ui8>, %w: tensor<1x1x1x1xui8>, %f: tensor<f32>) {
  // expected-error @+2 {{x_scale must be a scalar}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.qlinear_conv %x, %s, %z, %w, %f, %z, %f, %z {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xui8>, tensor<2xf32>, tensor<ui8>, tensor<1x1x1x1xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> tensor<1x1x4x4xui8>
  return
}

// -----

func.func @f(%x: tensor<1x1x4x4xui8>, %s: tensor<3xf32>, %z: tensor<ui8>, %w: tensor<2x1x1x1xui8>, %f: tensor<f32>) {
  // expected-error @+2 {{w_scale must be a scalar or have one entry per channel (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.qlinear_conv %x, %f, %z, %w, %s, %z, %f, %z {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>, tensor<2x1x1x1xui8>, tensor<3xf32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> tensor<1x2x4x4xui8>
  return
}

// -----

func.func @f(%a: tensor<2x4xui8>, %b: tensor<4x3xui8>, %z: tensor<2xui8>) {
  // expected-error @+2 {{b_zero_point must be a scalar or have one entry per channel (3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.matmul_integer %a, %b b_zero_point(%z) : (tensor<2x4xui8>, tensor<4x3xui8>, tensor<2xui8>) -> tensor<2x3xi32>
  return
}

// -----

func.func @f(%a: tensor<2x4xui8>, %b: tensor<4x3xui8>, %s: tensor<f32>, %z: tensor<ui8>, %v: tensor<3xf32>) {
  // expected-error @+2 {{y_scale must be a scalar}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.qlinear_matmul %a, %s, %z, %b, %s, %z, %v, %z : (tensor<2x4xui8>, tensor<f32>, tensor<ui8>, tensor<4x3xui8>, tensor<f32>, tensor<ui8>, tensor<3xf32>, tensor<ui8>) -> tensor<2x3xui8>
  return
}

// -----

func.func @f(%x: tensor<1x1x4x4xui8>, %w: tensor<1x1x1x1xui8>, %z: tensor<2xui8>) {
  // expected-error @+2 {{x_zero_point must be a scalar}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.conv_integer %x, %w x_zero_point(%z) {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xui8>, tensor<1x1x1x1xui8>, tensor<2xui8>) -> tensor<1x1x4x4xi32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'nn.constant' op value must be a ranked tensor}}
  %0 = nn.constant dense<1.0> : vector<2xf32>
  return
}

// -----

func.func @sub(%a: tensor<2x3xf32>, %b: tensor<2xf32>) {
  // expected-error @+2 {{'nn.sub' op shapes [2, 3] and [2] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.sub %a, %b : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @div(%a: tensor<4xf32>, %b: tensor<4xi32>) {
  // expected-error @+2 {{'nn.div' op operand element types differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.div %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return
}

// -----

// The exponent may have another element type, not a shape that fails to
// broadcast.
func.func @pow(%a: tensor<4x3xf32>, %b: tensor<4xi32>) {
  // expected-error @+2 {{'nn.pow' op shapes [4, 3] and [4] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.pow %a, %b : (tensor<4x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  return
}

// -----

// keepdims defaults to true: reducing axis 1 of 2x3 keeps it as 1.
func.func @reduce_mean(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{'nn.reduce_mean' op inferred type(s) 'tensor<2x1xf32>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.reduce_mean %a {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'nn.mod' op requires fmod = true for floating-point operands (ONNX Mod's rule)}}
  %0 = nn.mod %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'nn.celu' op alpha must be non-zero (the formula divides by it)}}
  %0 = nn.celu %a {alpha = 0.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xi32>) {
  // expected-error @+1 {{'nn.floor' op operand #0 has element type 'i32'; nn.floor takes floating-point tensors only}}
  %0 = nn.floor %a : tensor<4xi32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'nn.hard_swish' op result #0 has element type 'i32'; nn.hard_swish takes floating-point tensors only}}
  %0 = "nn.hard_swish"(%a) : (tensor<4xf32>) -> tensor<4xi32>
  return
}

// -----

func.func @f(%a: tensor<1x3x2x2xf32>, %s: tensor<3xf32>) {
  // expected-error @+2 {{slope does not broadcast to the input shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.prelu %a, %s : (tensor<1x3x2x2xf32>, tensor<3xf32>) -> tensor<1x3x2x2xf32>
  return
}

// -----

func.func @f(%a: tensor<1x3x2x2xf32>, %s: tensor<3x1x1xf16>) {
  // expected-error @+2 {{operand element types differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.prelu %a, %s : (tensor<1x3x2x2xf32>, tensor<3x1x1xf16>) -> tensor<1x3x2x2xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+2 {{expects at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.sum : () -> tensor<f32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>, %b: tensor<3xf64>) {
  // expected-error @+2 {{inputs differ in element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.max %a, %b : (tensor<3xf32>, tensor<3xf64>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.min %a, %b : (tensor<3xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<f32>) {
  // expected-error @+2 {{expects an input of rank at least 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.argmax %a : (tensor<f32>) -> tensor<i64>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{axis 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.argmin %a {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'nn.not' op operand #0 has element type 'f32'; nn.not takes i1 tensors only}}
  %0 = nn.not %a : tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>, %b: tensor<4xi1>) {
  // expected-error @+2 {{operand element types differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.less %a, %b : (tensor<4xf32>, tensor<4xi1>) -> tensor<4xi1>
  return
}

// -----

func.func @f(%c: tensor<4xf32>, %a: tensor<4xf32>) {
  // expected-error @+2 {{condition must have i1 elements}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.where %c, %a, %a : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%c: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf16>) {
  // expected-error @+2 {{x and y differ in element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.where %c, %a, %b : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%c: tensor<3xi1>, %a: tensor<4xf32>) {
  // expected-error @+2 {{are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = nn.where %c, %a, %a : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}
