// RUN: tessel-opt %s --canonicalize --split-input-file | FileCheck %s

// uint8 with zero point 0 to int8 with -128 and back: every code shifts
// into range, so the round trip is the identity; so is a requantization to
// the same type.
// CHECK-LABEL: func.func @round_trip
// CHECK-NEXT: return %arg0, %arg0
func.func @round_trip(%x: tensor<4x!quant.uniform<u8:f32, 0.5>>) -> (tensor<4x!quant.uniform<u8:f32, 0.5>>, tensor<4x!quant.uniform<u8:f32, 0.5>>) {
  %s = qt.requantize %x : tensor<4x!quant.uniform<u8:f32, 0.5>> -> tensor<4x!quant.uniform<i8:f32, 0.5:-128>>
  %u = qt.requantize %s : tensor<4x!quant.uniform<i8:f32, 0.5:-128>> -> tensor<4x!quant.uniform<u8:f32, 0.5>>
  %same = qt.requantize %x : tensor<4x!quant.uniform<u8:f32, 0.5>> -> tensor<4x!quant.uniform<u8:f32, 0.5>>
  return %u, %same : tensor<4x!quant.uniform<u8:f32, 0.5>>, tensor<4x!quant.uniform<u8:f32, 0.5>>
}

// -----

// int8 with zero point 0 to uint8 with 127 and back: code -128 would be
// -1, outside uint8's range, so the trip does not fold; nor does one
// through another scale.
// CHECK-LABEL: func.func @not_exact
// CHECK: %[[A:.*]] = qt.requantize %arg0 {{.*}}:127>>
// CHECK: %[[B:.*]] = qt.requantize %[[A]]
// CHECK: %[[C:.*]] = qt.requantize %arg0 {{.*}}2.500000e-01>>
// CHECK: %[[D:.*]] = qt.requantize %[[C]]
// CHECK: return %[[B]], %[[D]]
func.func @not_exact(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  %a = qt.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4x!quant.uniform<u8:f32, 0.5:127>>
  %b = qt.requantize %a : tensor<4x!quant.uniform<u8:f32, 0.5:127>> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %c = qt.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  %d = qt.requantize %c : tensor<4x!quant.uniform<i8:f32, 0.25>> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %b, %d : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.5>>
}
