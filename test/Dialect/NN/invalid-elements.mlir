// Element types nn kernels do not compute on: quantized types outside the
// linear ops (nn.conv, nn.gemm, nn.matmul), and types without a bit width
// in nn.cast.
// RUN: tessel-opt %s -split-input-file -verify-diagnostics

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @relu(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.relu' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.relu runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.relu %x : tensor<4x!i8>
  return
}

// -----

func.func @reshape(%x: tensor<2x2x!qt.flint<4, signed, scale = 0.5>>) {
  // expected-error @+1 {{'nn.reshape' op operand #0 has quantized element type '!qt.flint<4, signed, scale = 5.000000e-01>'; nn.reshape runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.reshape %x {shape = array<i64: 4>} : (tensor<2x2x!qt.flint<4, signed, scale = 0.5>>) -> tensor<4x!qt.flint<4, signed, scale = 0.5>>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @add(%x: tensor<4xf32>, %y: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.add' op operand #1 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'}}
  %0 = nn.add %x, %y : (tensor<4xf32>, tensor<4x!i8>) -> tensor<4xf32>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @conv_transpose(%x: tensor<1x1x2x2x!i8>, %w: tensor<1x1x1x1x!i8>) {
  // expected-error @+1 {{'nn.conv_transpose' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'}}
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>} : (tensor<1x1x2x2x!i8>, tensor<1x1x1x1x!i8>) -> tensor<1x1x2x2x!i8>
  return
}

// -----

func.func @cast_to_quantized(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.cast' op result #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.cast runs float and integer tensors: quantize its result instead (qt.quantize)}}
  %0 = nn.cast %x {to = !quant.uniform<i8:f32, 0.5>} : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @quantized_constant() {
  // expected-error @+1 {{'nn.constant' op result #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'}}
  %0 = nn.constant dense_resource<blob> : tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x010000000102"
    }
  }
#-}

// -----

func.func @cast_to_index(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.cast' op cannot cast to 'index': nn.cast converts between integer and float element types}}
  %0 = nn.cast %x {to = index} : (tensor<4xf32>) -> tensor<4xindex>
  return
}

// -----

func.func @cast_from_index(%x: tensor<4xindex>) {
  // expected-error @+1 {{'nn.cast' op cannot cast from 'index': nn.cast converts between integer and float element types}}
  %0 = nn.cast %x {to = i64} : (tensor<4xindex>) -> tensor<4xi64>
  return
}

// -----

func.func @cast_to_complex(%x: tensor<4xf32>) {
  // expected-error @+1 {{'nn.cast' op cannot cast to 'complex<f32>'}}
  %0 = nn.cast %x {to = complex<f32>} : (tensor<4xf32>) -> tensor<4xcomplex<f32>>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @sigmoid(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.sigmoid' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.sigmoid runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.sigmoid %x : tensor<4x!i8>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @tanh(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.tanh' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.tanh runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.tanh %x : tensor<4x!i8>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @erf(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.erf' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.erf runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.erf %x : tensor<4x!i8>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @sqrt(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.sqrt' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.sqrt runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.sqrt %x : tensor<4x!i8>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @exp(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.exp' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.exp runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.exp %x : tensor<4x!i8>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @identity(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.identity' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.identity runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.identity %x : tensor<4x!i8>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @leaky_relu(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.leaky_relu' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.leaky_relu runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.leaky_relu %x : tensor<4x!i8>
  return
}

// -----

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @hard_swish(%x: tensor<4x!i8>) {
  // expected-error @+1 {{'nn.hard_swish' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.hard_swish runs float and integer tensors: dequantize it first (qt.dequantize)}}
  %0 = nn.hard_swish %x : tensor<4x!i8>
  return
}
