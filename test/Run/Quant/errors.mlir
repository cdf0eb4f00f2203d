// An accumulator that leaves i32 is an error at the op, not a wrapped value.
// RUN: not tessel-run %s 2>&1 | FileCheck %s
// CHECK: error: the accumulator overflows i32 at element 0 (2147483648); declare a float result to keep 64 bits

!i8 = !quant.uniform<i8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 1.0>
func.func @main() -> tensor<1x1x!acc> {
  %a = nn.constant dense<[[1.0]]> : tensor<1x1xf32>
  %big = nn.constant dense<[3.0e9]> : tensor<1xf32>
  %aq = qt.quantize %a : tensor<1x1xf32> -> tensor<1x1x!i8>
  %bq = qt.quantize %a : tensor<1x1xf32> -> tensor<1x1x!i8>
  // Saturates at 2^31 - 1; the product's 1 then overflows.
  %cq = qt.quantize %big : tensor<1xf32> -> tensor<1x!acc>
  %0 = nn.gemm %aq, %bq, %cq : (tensor<1x1x!i8>, tensor<1x1x!i8>, tensor<1x!acc>) -> tensor<1x1x!acc>
  return %0 : tensor<1x1x!acc>
}
