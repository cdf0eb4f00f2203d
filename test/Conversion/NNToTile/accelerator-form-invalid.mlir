// RUN: tessel-opt %s --split-input-file --tessel-accelerator-form -verify-diagnostics
// RUN: tessel-opt %s --split-input-file --tessel-accelerator-form="host-fallback=true" 2>&1 | FileCheck %s --check-prefix=HOST

// HOST-COUNT-11: remark: stays on the host

func.func @unsigned(%x: tensor<4x8x!quant.uniform<u8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  // expected-error @+1 {{the array cannot run this layer: the weight is not a constant, and its format (unsigned or with zero points) or the input's zero point needs its integers at compile time (host-fallback=true keeps it on the host)}}
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<u8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

func.func @zero_point(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  // expected-error @+1 {{the weight is not a constant}}
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

func.func @four_bit(%x: tensor<4x8x!quant.uniform<i4:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  // expected-error @+1 {{input: '!quant.uniform<i4:f32, 5.000000e-01>' is not 8-bit: the array multiplies 8-bit integers}}
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i4:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

// The input's zero point joins the bias, which must then be a constant.
func.func @runtime_bias(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<2x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  %k = nn.constant dense<1> : tensor<8x2xi8>
  %w = qt.storage_cast %k : tensor<8x2xi8> -> tensor<8x2x!quant.uniform<i8:f32, 0.5>>
  // expected-error @+1 {{the bias is not a constant, and the zero points join it}}
  %acc = nn.gemm %x, %w, %b : (tensor<4x8x!quant.uniform<i8:f32, 0.5:1>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

// 200 - 0 needs two int8 pieces, which a grouped convolution cannot stack.
func.func @grouped_pieces(%x: tensor<1x2x4x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x4x4x!quant.uniform<i32:f32, 0.25>> {
  %k = nn.constant dense<200> : tensor<2x1x1x1xui8>
  %w = qt.storage_cast %k : tensor<2x1x1x1xui8> -> tensor<2x1x1x1x!quant.uniform<u8:f32, 0.5>>
  // expected-error @+1 {{the weight's integers do not fit int8 and the convolution is grouped}}
  %acc = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x2x4x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x1x1x1x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x2x4x4x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<1x2x4x4x!quant.uniform<i32:f32, 0.25>>
}

// -----

// 128 x (70000 x 255) > 2^31 - 1: a partial sum may not fit the array's
// accumulator once the input's zero point (-128) is in the bias.
func.func @overflow(%x: tensor<1x70000x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x1x!quant.uniform<i32:f32, 0.25>> {
  %k = nn.constant dense<255> : tensor<70000x1xui8>
  %w = qt.storage_cast %k : tensor<70000x1xui8> -> tensor<70000x1x!quant.uniform<u8:f32, 0.5>>
  // expected-error @+1 {{with the zero points in the bias, the sums may not fit the int32 accumulator}}
  %acc = nn.matmul %x, %w : (tensor<1x70000x!quant.uniform<u8:f32, 0.5>>, tensor<70000x1x!quant.uniform<u8:f32, 0.5>>) -> tensor<1x1x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<1x1x!quant.uniform<i32:f32, 0.25>>
}

// -----

func.func @flint(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<8x2x!qt.flint<4, signed, scale = 0.5>>) -> tensor<4x2xf32> {
  // expected-error @+1 {{weight: '!qt.flint<4, signed, scale = 5.000000e-01>' is not an integer !quant.uniform type}}
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!qt.flint<4, signed, scale = 0.5>>) -> tensor<4x2xf32>
  return %acc : tensor<4x2xf32>
}

// -----

func.func @conv3d(%x: tensor<1x2x4x4x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x2x1x1x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x4x4x4x!quant.uniform<i32:f32, 0.25>> {
  // expected-error @+1 {{only 2-D convolutions run on the array}}
  %acc = nn.conv %x, %w {strides = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, dilations = array<i64: 1, 1, 1>} : (tensor<1x2x4x4x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x1x1x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x4x4x4x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<1x2x4x4x4x!quant.uniform<i32:f32, 0.25>>
}

// -----

func.func @float_product(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2xf32> {
  // expected-error @+1 {{the product is a float result, not the int32 accumulator the array writes}}
  %y = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// One bias per row (M x 1) is neither of the array's forms.
func.func @row_bias(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>, %c: tensor<4x1x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  // expected-error @+1 {{the bias is neither one value per output channel nor one per result element}}
  %acc = nn.gemm %x, %w, %c : (tensor<4x8x!quant.uniform<i8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>, tensor<4x1x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

// The input's zero point would join a bias per result element.
func.func @matrix_bias_zero_point(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5:2>>, %c: tensor<4x2x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  %k = nn.constant dense<1> : tensor<8x2xi8>
  %w = qt.storage_cast %k : tensor<8x2xi8> -> tensor<8x2x!quant.uniform<i8:f32, 0.5>>
  // expected-error @+1 {{a bias per result element does not take the zero points yet}}
  %acc = nn.gemm %x, %w, %c : (tensor<4x8x!quant.uniform<i8:f32, 0.5:2>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>, tensor<4x2x!quant.uniform<i32:f32, 0.25>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}
