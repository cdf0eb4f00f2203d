// An nn op other than the linear ones on a quantized tensor is a verifier
// error naming the operand, not a crash in its kernel.
// RUN: not tessel-run %s 2>&1 | FileCheck %s
// CHECK: error: 'nn.relu' op operand #0 has quantized element type '!quant.uniform<i8:f32, 5.000000e-01>'; nn.relu runs float and integer tensors: dequantize it first (qt.dequantize)

!i8 = !quant.uniform<i8:f32, 0.5>
func.func @main() -> tensor<4xf32> {
  %x = nn.constant dense<[-1.0, 0.5, 1.0, 2.0]> : tensor<4xf32>
  %q = qt.quantize %x : tensor<4xf32> -> tensor<4x!i8>
  %r = nn.relu %q : tensor<4x!i8>
  %d = qt.dequantize %r : tensor<4x!i8> -> tensor<4xf32>
  return %d : tensor<4xf32>
}
