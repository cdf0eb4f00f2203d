// RUN: tessel-opt %s --qt-from-qdq | FileCheck %s

// A QLinearMatMul reading the integers of a quantize_linear with other
// parameters (scale 0.5 there, 0.25 here): they are viewed in the
// QLinearMatMul's type (qt.storage_cast), the quantize_linear stays; the
// integer result is read back as integers.
// CHECK-LABEL: func.func @other_parameters
// CHECK: %[[Q:.*]] = nn.quantize_linear %arg0
// CHECK: %[[X:.*]] = qt.storage_cast %[[Q]] : tensor<2x3xui8> -> tensor<2x3x!quant.uniform<u8:f32, 2.500000e-01:10>>
// CHECK: %[[P:.*]] = nn.matmul %[[X]]
// CHECK: %[[Y:.*]] = qt.requantize %[[P]]
// CHECK: %[[YI:.*]] = qt.storage_cast %[[Y]] : tensor<2x2x!quant.uniform<u8:f32, 1.000000e+00:5>> -> tensor<2x2xui8>
// CHECK: return %[[YI]]
// CHECK-NOT: nn.qlinear_matmul
func.func @other_parameters(%x: tensor<2x3xf32>) -> tensor<2x2xui8> {
  %s = nn.constant dense<0.5> : tensor<f32>
  %z = nn.constant dense<10> : tensor<ui8>
  %q = nn.quantize_linear %x, %s, %z : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
  %as = nn.constant dense<0.25> : tensor<f32>
  %w = nn.constant dense<3> : tensor<3x2xi8>
  %ws = nn.constant dense<0.5> : tensor<f32>
  %wz = nn.constant dense<0> : tensor<i8>
  %ys = nn.constant dense<1.0> : tensor<f32>
  %yz = nn.constant dense<5> : tensor<ui8>
  %y = nn.qlinear_matmul %q, %as, %z, %w, %ws, %wz, %ys, %yz : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<3x2xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<ui8>) -> tensor<2x2xui8>
  return %y : tensor<2x2xui8>
}
