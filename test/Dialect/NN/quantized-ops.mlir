// The linear ops on quantized operands parse, verify and print back; the
// printed form parses again to the same IR.
// RUN: tessel-opt %s | FileCheck %s
// RUN: tessel-opt %s | tessel-opt | FileCheck %s

!x8 = !quant.uniform<i8:f32, 0.05>
!w8 = !quant.uniform<i8:f32:0, {0.01, 0.02}>
!acc = !quant.uniform<i32:f32:1, {5.0e-4, 1.0e-3}>
!bias = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3}>

// CHECK-LABEL: func.func @conv_accumulator
// CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {{.*}} : (tensor<1x3x4x4x!quant.uniform<i8:f32, 5.000000e-02>>, tensor<2x3x3x3x!quant.uniform<i8:f32:0, {1.000000e-02,2.000000e-02}>>, tensor<2x!quant.uniform<i32:f32:0, {5.000000e-04,1.000000e-03}>>) -> tensor<1x2x2x2x!quant.uniform<i32:f32:1, {5.000000e-04,1.000000e-03}>>
func.func @conv_accumulator(%x: tensor<1x3x4x4x!x8>, %w: tensor<2x3x3x3x!w8>, %b: tensor<2x!bias>) -> tensor<1x2x2x2x!acc> {
  %0 = nn.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x4x4x!x8>, tensor<2x3x3x3x!w8>, tensor<2x!bias>) -> tensor<1x2x2x2x!acc>
  return %0 : tensor<1x2x2x2x!acc>
}

// CHECK-LABEL: func.func @matmul_flint
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<2x8x!qt.flint<4, signed, scale = 1.000000e-01>>, tensor<8x5x!qt.flint<4, signed, scales = [1.000000e-01, 2.000000e-01, 3.000000e-01, 4.000000e-01, 5.000000e-01], axis = 1>>) -> tensor<2x5xf32>
func.func @matmul_flint(%a: tensor<2x8x!qt.flint<4, signed, scale = 0.1>>, %b: tensor<8x5x!qt.flint<4, signed, scales = [0.1, 0.2, 0.3, 0.4, 0.5], axis = 1>>) -> tensor<2x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<2x8x!qt.flint<4, signed, scale = 0.1>>, tensor<8x5x!qt.flint<4, signed, scales = [0.1, 0.2, 0.3, 0.4, 0.5], axis = 1>>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// CHECK-LABEL: func.func @gemm_mx
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_b = true} : (tensor<2x64x!qt.mx<fp8_e4m3>>, tensor<3x64x!qt.mx<fp8_e4m3>>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @gemm_mx(%a: tensor<2x64x!qt.mx<fp8_e4m3>>, %b: tensor<3x64x!qt.mx<fp8_e4m3>>, %c: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = nn.gemm %a, %b, %c {trans_b = true} : (tensor<2x64x!qt.mx<fp8_e4m3>>, tensor<3x64x!qt.mx<fp8_e4m3>>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
