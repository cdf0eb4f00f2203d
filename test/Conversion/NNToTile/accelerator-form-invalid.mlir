// RUN: tessel-opt %s --split-input-file --tessel-accelerator-form -verify-diagnostics
// RUN: tessel-opt %s --split-input-file --tessel-accelerator-form="host-fallback=true" 2>&1 | FileCheck %s --check-prefix=HOST

// HOST-COUNT-5: remark: stays on the host

func.func @unsigned(%x: tensor<4x8x!quant.uniform<u8:f32, 0.5>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  // expected-error @+1 {{the array cannot run this layer: input: '!quant.uniform<u8:f32, 5.000000e-01>' is not signed 8-bit: the array multiplies signed int8 (quantize activations with activations=signed) (host-fallback=true keeps it on the host)}}
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<u8:f32, 0.5>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
}

// -----

func.func @zero_point(%x: tensor<4x8x!quant.uniform<i8:f32, 0.5:3>>, %w: tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>> {
  // expected-error @+1 {{has zero point 3; the array's int8 is symmetric (zero point 0)}}
  %acc = nn.matmul %x, %w : (tensor<4x8x!quant.uniform<i8:f32, 0.5:3>>, tensor<8x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<4x2x!quant.uniform<i32:f32, 0.25>>
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
