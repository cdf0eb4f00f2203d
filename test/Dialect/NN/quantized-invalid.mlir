// Every verifier message of the linear ops on quantized operands.
// RUN: tessel-opt %s -split-input-file -verify-diagnostics

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @float_result_type(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{expects the result element type 'f32' of its input, got 'f16'}}
  %0 = nn.matmul %a, %b : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf16>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @half_quantized(%a: tensor<2x4x!i8>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{expects input and weight both quantized or both not, got '!quant.uniform<i8:f32, 5.000000e-01>' and 'f32'}}
  %0 = nn.matmul %a, %b : (tensor<2x4x!i8>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

!i16 = !quant.uniform<i16:f32, 0.5>
!i8 = !quant.uniform<i8:f32, 0.5>
func.func @wide_operand(%a: tensor<2x4x!i16>, %b: tensor<4x3x!i8>) {
  // expected-error @+1 {{cannot multiply '!quant.uniform<i16:f32, 5.000000e-01>': unknown format 'int16': scalar formats have 2 to 8 bits}}
  %0 = nn.matmul %a, %b : (tensor<2x4x!i16>, tensor<4x3x!i8>) -> tensor<2x3xf32>
  return
}

// -----

!pc = !quant.uniform<i8:f32:0, {0.5, 0.25}>
!i8 = !quant.uniform<i8:f32, 0.5>
func.func @per_channel_input(%a: tensor<2x4x!pc>, %b: tensor<4x3x!i8>) {
  // expected-error @+1 {{expects the input quantized per tensor or in blocks along its contracted dimension 1}}
  %0 = nn.matmul %a, %b : (tensor<2x4x!pc>, tensor<4x3x!i8>) -> tensor<2x3xf32>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
!pc = !quant.uniform<i8:f32:0, {0.5, 0.25, 0.5, 0.25}>
func.func @weight_axis(%a: tensor<2x4x!i8>, %b: tensor<4x3x!pc>) {
  // expected-error @+1 {{expects the weight quantized per tensor, per output channel (dimension 1) or in blocks along its contracted dimension 0}}
  %0 = nn.matmul %a, %b : (tensor<2x4x!i8>, tensor<4x3x!pc>) -> tensor<2x3xf32>
  return
}

// -----

!mx = !qt.mx<int8, block = 32, axis = 0>
func.func @block_axis(%x: tensor<1x32x4x4x!mx>, %w: tensor<2x32x3x3x!qt.mx<int8, block = 32, axis = 1>>) {
  // expected-error @+1 {{expects the input quantized per tensor or in blocks along its contracted dimension 1}}
  %0 = nn.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x32x4x4x!mx>, tensor<2x32x3x3x!qt.mx<int8, block = 32, axis = 1>>) -> tensor<1x2x2x2xf32>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @narrow_result(%a: tensor<2x4x!i8>, %b: tensor<4x3x!i8>) {
  // expected-error @+1 {{expects a float result or an i32 accumulator, got '!quant.uniform<i8:f32, 2.500000e-01>'}}
  %0 = nn.matmul %a, %b : (tensor<2x4x!i8>, tensor<4x3x!i8>) -> tensor<2x3x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

!mx = !qt.mx<int8, block = 32>
func.func @block_accumulator(%a: tensor<2x32x!mx>, %b: tensor<32x3x!qt.mx<int8, block = 32, axis = 0>>) {
  // expected-error @+1 {{has block-format operands, whose product is a float result, not an accumulator}}
  %0 = nn.matmul %a, %b : (tensor<2x32x!mx>, tensor<32x3x!qt.mx<int8, block = 32, axis = 0>>) -> tensor<2x3x!quant.uniform<i32:f32, 1.0>>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @accumulator_scale(%a: tensor<2x4x!i8>, %b: tensor<4x3x!i8>) {
  // expected-error @+1 {{expects the accumulator type '!quant.uniform<i32:f32, 2.500000e-01>', got '!quant.uniform<i32:f32, 5.000000e-01>'}}
  %0 = nn.matmul %a, %b : (tensor<2x4x!i8>, tensor<4x3x!i8>) -> tensor<2x3x!quant.uniform<i32:f32, 0.5>>
  return
}

// -----

!mx = !qt.mx<int8, block = 32, axis = 1>
func.func @block_bias(%x: tensor<1x32x4x4x!mx>, %w: tensor<2x32x3x3x!mx>, %b: tensor<2x!quant.uniform<i32:f32, 1.0>>) {
  // expected-error @+1 {{has block-format operands; expects a float bias, got '!quant.uniform<i32:f32, 1.000000e+00>'}}
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x32x4x4x!mx>, tensor<2x32x3x3x!mx>, tensor<2x!quant.uniform<i32:f32, 1.0>>) -> tensor<1x2x2x2xf32>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
!acc = !quant.uniform<i32:f32, 0.25>
func.func @float_bias(%x: tensor<1x2x4x4x!i8>, %w: tensor<3x2x3x3x!i8>, %b: tensor<3xf32>) {
  // expected-error @+1 {{expects a bias in the accumulator's type '!quant.uniform<i32:f32, 2.500000e-01>', got 'f32'}}
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x4x4x!i8>, tensor<3x2x3x3x!i8>, tensor<3xf32>) -> tensor<1x3x2x2x!acc>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @alpha(%a: tensor<2x4x!i8>, %b: tensor<4x3x!i8>) {
  // expected-error @+1 {{expects alpha = beta = 1 with quantized operands}}
  %0 = nn.gemm %a, %b {alpha = 2.0 : f32} : (tensor<2x4x!i8>, tensor<4x3x!i8>) -> tensor<2x3xf32>
  return
}
