// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// Every qt type and op prints and parses back.

// CHECK-LABEL: func.func @types
func.func @types(%x: tensor<2x8xf32>, %w: tensor<3x4xf32>) {
  // CHECK: qt.quantize %{{.*}} : tensor<2x8xf32> -> tensor<2x8x!qt.flint<4, signed, scale = 2.500000e-01>>
  %0 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!qt.flint<4, signed, scale = 0.25>>
  // CHECK: tensor<3x4x!qt.flint<4, unsigned, scales = [1.000000e-01, 2.000000e-01, 3.000000e-01], axis = 0, rounding = even>>
  %1 = qt.quantize %w : tensor<3x4xf32> -> tensor<3x4x!qt.flint<4, unsigned, scales = [0.1, 0.2, 0.3], axis = 0, rounding = even>>
  // CHECK: tensor<2x8x!qt.pot<4, signed, scale = 5.000000e-01>>
  %2 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!qt.pot<4, signed, scale = 0.5>>
  // CHECK: tensor<2x8x!qt.ovp<int, 4, scale = 2.500000e-01>>
  %3 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!qt.ovp<int, 4, scale = 0.25>>
  // CHECK: tensor<3x4x!qt.ovp<flint, 8, scales = [1.000000e+00, 2.000000e+00, 4.000000e+00], axis = 0>>
  %4 = qt.quantize %w : tensor<3x4xf32> -> tensor<3x4x!qt.ovp<flint, 8, scales = [1.0, 2.0, 4.0], axis = 0>>
  // CHECK: tensor<2x8x!qt.bfp<8>>
  %5 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!qt.bfp<8, block = 64>>
  // CHECK: tensor<2x8x!qt.bfp<4, block = 8, axis = 1, rounding = away>>
  %6 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!qt.bfp<4, block = 8, axis = 1, rounding = away>>
  // CHECK: tensor<2x8x!qt.mx<fp8_e4m3>>
  %7 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!qt.mx<fp8_e4m3>>
  // CHECK: tensor<2x8x!qt.mx<fp4_e2m1, block = 16, axis = 0, rounding = even>>
  %8 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!qt.mx<fp4_e2m1, block = 16, axis = 0, rounding = even>>
  // CHECK: qt.dequantize %{{.*}} : tensor<2x8x!qt.mx<fp8_e4m3>> -> tensor<2x8xf32>
  %9 = qt.dequantize %7 : tensor<2x8x!qt.mx<fp8_e4m3>> -> tensor<2x8xf32>
  // The integer formats are upstream's.
  // CHECK: qt.requantize %{{.*}} : tensor<2x8x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<2x8x!qt.flint<4, unsigned, scale = 1.000000e+00>>
  %10 = qt.quantize %x : tensor<2x8xf32> -> tensor<2x8x!quant.uniform<i8:f32, 0.5>>
  %11 = qt.requantize %10 : tensor<2x8x!quant.uniform<i8:f32, 0.5>> -> tensor<2x8x!qt.flint<4, unsigned, scale = 1.0>>
  return
}

// CHECK-LABEL: func.func @storage_cast
func.func @storage_cast(%q: tensor<2x3x!quant.uniform<i8:f32, 0.5>>, %i: tensor<2x3xi8>,
                        %u: tensor<2x3xui8>, %a: tensor<2x3xi32>, %h: tensor<2x3xui16>) {
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01>> -> tensor<2x3xi8>
  %0 = qt.storage_cast %q : tensor<2x3x!quant.uniform<i8:f32, 0.5>> -> tensor<2x3xi8>
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01>>
  %1 = qt.storage_cast %i : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.5>>
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e-01:3,2.000000e-01:-5,5.000000e-01}>>
  %2 = qt.storage_cast %i : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.1:3, 0.2:-5, 0.5}>>
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3xui8> -> tensor<2x3x!quant.uniform<u8:f32, 2.500000e-01:128>>
  %3 = qt.storage_cast %u : tensor<2x3xui8> -> tensor<2x3x!quant.uniform<u8:f32, 0.25:128>>
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3xi32> -> tensor<2x3x!quant.uniform<i32:f32, 1.000000e-03>>
  %4 = qt.storage_cast %a : tensor<2x3xi32> -> tensor<2x3x!quant.uniform<i32:f32, 0.001>>
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3x!quant.uniform<u8:f32, 2.500000e-01:128>> -> tensor<2x3xui8>
  %5 = qt.storage_cast %3 : tensor<2x3x!quant.uniform<u8:f32, 0.25:128>> -> tensor<2x3xui8>
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3xui16> -> tensor<2x3x!quant.uniform<u16:f32, 1.000000e+00:7>>
  // CHECK: qt.storage_cast %{{.*}} : tensor<2x3x!quant.uniform<u16:f32, 1.000000e+00:7>> -> tensor<2x3xui16>
  %6 = qt.storage_cast %h : tensor<2x3xui16> -> tensor<2x3x!quant.uniform<u16:f32, 1.0:7>>
  %7 = qt.storage_cast %6 : tensor<2x3x!quant.uniform<u16:f32, 1.0:7>> -> tensor<2x3xui16>
  return
}
