// RUN: tessel-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{flint has 3 to 8 bits, got 9}}
func.func @f(%x: tensor<4x!qt.flint<9, signed, scale = 1.0>>)

// -----

// expected-error @+1 {{pot has 2 to 8 bits, got 1}}
func.func @f(%x: tensor<4x!qt.pot<1, signed, scale = 1.0>>)

// -----

// expected-error @+1 {{needs a scale (scale = s) or per-channel scales (scales = [...], axis = a)}}
func.func @f(%x: tensor<4x!qt.flint<4, signed>>)

// -----

// expected-error @+1 {{scales must be positive and finite, got -1}}
func.func @f(%x: tensor<4x!qt.flint<4, signed, scale = -1.0>>)

// -----

// expected-error @+1 {{per-channel scales need an axis}}
func.func @f(%x: tensor<4x!qt.flint<4, signed, scales = [1.0, 2.0]>>)

// -----

// expected-error @+1 {{axis must be -1 or a dimension, got -2}}
func.func @f(%x: tensor<4x!qt.flint<4, signed, scale = 1.0, axis = -2>>)

// -----

// expected-error @+1 {{rounding must be up, even, away or zero, got 'nearest'}}
func.func @f(%x: tensor<4x!qt.flint<4, signed, scale = 1.0, rounding = nearest>>)

// -----

// expected-error @+1 {{expected signed or unsigned}}
func.func @f(%x: tensor<4x!qt.flint<4, positive, scale = 1.0>>)

// -----

// expected-error @+1 {{unexpected 'block'}}
func.func @f(%x: tensor<4x!qt.flint<4, signed, scale = 1.0, block = 4>>)

// -----

// expected-error @+1 {{the normal type must be int or flint, got 'pot'}}
func.func @f(%x: tensor<4x!qt.ovp<pot, 4, scale = 1.0>>)

// -----

// expected-error @+1 {{ovp has 4 or 8 bits, got 6}}
func.func @f(%x: tensor<4x!qt.ovp<int, 6, scale = 1.0>>)

// -----

// expected-error @+1 {{bfp mantissas have 2 to 8 bits, got 12}}
func.func @f(%x: tensor<4x!qt.bfp<12>>)

// -----

// expected-error @+1 {{block must be positive, got 0}}
func.func @f(%x: tensor<4x!qt.bfp<8, block = 0>>)

// -----

// expected-error @+1 {{MX elements are int8, fp8_e4m3, fp8_e5m2, fp6_e3m2, fp6_e2m3 or fp4_e2m1, got 'fp16'}}
func.func @f(%x: tensor<4x!qt.mx<fp16>>)

// -----

func.func @f(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{changes the shape from 'tensor<4x8xf32>' to 'tensor<8x4x!qt.mx<int8>>'}}
  %0 = qt.quantize %x : tensor<4x8xf32> -> tensor<8x4x!qt.mx<int8>>
  return
}

// -----

func.func @f(%x: tensor<4xi32>) {
  // expected-error @+1 {{expects a float input element type, got 'i32'}}
  %0 = qt.quantize %x : tensor<4xi32> -> tensor<4x!qt.mx<int8>>
  return
}

// -----

func.func @f(%x: tensor<4xf32>) {
  // expected-error @+1 {{expects a quantized result element type, got 'f32'}}
  %0 = qt.quantize %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{result has 3 scales for 4 channels}}
  %0 = qt.quantize %x : tensor<4x8xf32> -> tensor<4x8x!qt.flint<4, signed, scales = [1.0, 2.0, 3.0], axis = 0>>
  return
}

// -----

func.func @f(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{result's axis 2 is not a dimension of 'tensor<4x8x!qt.mx<int8, axis = 2>>'}}
  %0 = qt.quantize %x : tensor<4x8xf32> -> tensor<4x8x!qt.mx<int8, axis = 2>>
  return
}

// -----

func.func @f(%x: tensor<f32>) {
  // expected-error @+1 {{result: block formats need a tensor of rank 1 or more}}
  %0 = qt.quantize %x : tensor<f32> -> tensor<!qt.mx<int8>>
  return
}

// -----

func.func @f(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{result has 3 scales for 4 channels}}
  %0 = qt.quantize %x : tensor<4x8xf32> -> tensor<4x8x!quant.uniform<i8:f32:0, {1.0, 2.0, 3.0}>>
  return
}

// -----

func.func @f(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{result's quantized dimension 3 is not a dimension of}}
  %0 = qt.quantize %x : tensor<4x8xf32> -> tensor<4x8x!quant.uniform<i8:f32:3, {1.0, 2.0, 3.0, 4.0}>>
  return
}

// -----

func.func @f(%x: tensor<4x!qt.mx<int8>>) {
  // expected-error @+1 {{expects a float result element type, got 'i8'}}
  %0 = qt.dequantize %x : tensor<4x!qt.mx<int8>> -> tensor<4xi8>
  return
}

// -----

func.func @f(%x: tensor<4xf32>) {
  // expected-error @+1 {{expects a quantized input element type, got 'f32'}}
  %0 = qt.requantize %x : tensor<4xf32> -> tensor<4x!qt.mx<int8>>
  return
}

// -----

func.func @f(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{changes the shape from 'tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01>>' to 'tensor<3x2xi8>'}}
  %0 = qt.storage_cast %x : tensor<2x3x!quant.uniform<i8:f32, 0.5>> -> tensor<3x2xi8>
  return
}

// -----

func.func @f(%x: tensor<4xi8>) {
  // expected-error @+1 {{expects one side of an integer !quant.uniform element type and the other of its storage type, got 'i8' and 'i8'}}
  %0 = qt.storage_cast %x : tensor<4xi8> -> tensor<4xi8>
  return
}

// -----

func.func @f(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{expects one side of an integer !quant.uniform element type and the other of its storage type, got '!quant.uniform<i8:f32, 5.000000e-01>' and '!quant.uniform<i8:f32, 2.500000e-01>'}}
  %0 = qt.storage_cast %x : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

func.func @f(%x: tensor<4x!qt.flint<4, signed, scale = 1.0>>) {
  // expected-error @+1 {{'!qt.flint<4, signed, scale = 1.000000e+00>' has no integer storage; qt.storage_cast takes integer !quant.uniform types}}
  %0 = qt.storage_cast %x : tensor<4x!qt.flint<4, signed, scale = 1.0>> -> tensor<4xi8>
  return
}

// -----

func.func @f(%x: tensor<4xi8>) {
  // expected-error @+1 {{expects a !quant.uniform type per tensor or per axis, got '!quant.any<i8:f32>'}}
  %0 = qt.storage_cast %x : tensor<4xi8> -> tensor<4x!quant.any<i8:f32>>
  return
}

// -----

func.func @f(%x: tensor<4x!quant.uniform<i4:f32, 0.5>>) {
  // expected-error @+1 {{'!quant.uniform<i4:f32, 5.000000e-01>' has 4-bit storage, which is bit-packed at runtime; qt.storage_cast takes 8-, 16- or 32-bit storage}}
  %0 = qt.storage_cast %x : tensor<4x!quant.uniform<i4:f32, 0.5>> -> tensor<4xi4>
  return
}

// -----

func.func @f(%x: tensor<4xi12>) {
  // expected-error @+1 {{'!quant.uniform<i12:f32, 5.000000e-01>' has 12-bit storage; qt.storage_cast takes 8-, 16- or 32-bit storage}}
  %0 = qt.storage_cast %x : tensor<4xi12> -> tensor<4x!quant.uniform<i12:f32, 0.5>>
  return
}

// -----

func.func @f(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{expects 'i8', the storage type of '!quant.uniform<i8:f32, 5.000000e-01>', on the other side, got 'si8'}}
  %0 = qt.storage_cast %x : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4xsi8>
  return
}

// -----

func.func @f(%x: tensor<4xi8>) {
  // expected-error @+1 {{expects 'ui8', the storage type of '!quant.uniform<u8:f32, 5.000000e-01:128>', on the other side, got 'i8'}}
  %0 = qt.storage_cast %x : tensor<4xi8> -> tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  return
}

// -----

func.func @f(%x: tensor<4x!quant.uniform<i32:f32, 0.5>>) {
  // expected-error @+1 {{expects 'i32', the storage type of '!quant.uniform<i32:f32, 5.000000e-01>', on the other side, got 'i16'}}
  %0 = qt.storage_cast %x : tensor<4x!quant.uniform<i32:f32, 0.5>> -> tensor<4xi16>
  return
}

// -----

func.func @f(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{expects 'i8', the storage type of '!quant.uniform<i8:f32, 5.000000e-01>', on the other side, got 'f32'}}
  %0 = qt.storage_cast %x : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xi8>) {
  // expected-error @+1 {{result has 2 scales for 3 channels}}
  %0 = qt.storage_cast %x : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return
}

// -----

func.func @f(%x: tensor<2x3x!quant.uniform<i8:f32:2, {0.5, 0.25}>>) {
  // expected-error @+1 {{input's quantized dimension 2 is not a dimension of 'tensor<2x3x!quant.uniform<i8:f32:2, {5.000000e-01,2.500000e-01}>>'}}
  %0 = qt.storage_cast %x : tensor<2x3x!quant.uniform<i8:f32:2, {0.5, 0.25}>> -> tensor<2x3xi8>
  return
}
