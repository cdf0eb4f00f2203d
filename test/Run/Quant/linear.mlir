// nn.conv, nn.matmul and nn.gemm on quantized operands, against NumPy
// evaluations of the integer semantics (QuantizedLinear.h).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/linear.mlir.py inputs %t
// RUN: tessel-run %s --input x=%t/x.npy --input w=%t/w.npy --input b=%t/b.npy --input a=%t/a.npy --input bm=%t/bm.npy --input g=%t/g.npy --input gw=%t/gw.npy --input gc=%t/gc.npy --input xm=%t/xm.npy --input wm=%t/wm.npy --output-dir %t/out | FileCheck %s
// RUN: %python %S/linear.mlir.py check %t | FileCheck %s --check-prefix=NUMPY
// CHECK: acc: tensor<1x4x6x6x!quant.uniform<i32:f32:1, {{.*}}>> -> {{.*}}acc.npy
// NUMPY: accumulator ok
// NUMPY: gemmini requantization ok
// NUMPY: accumulator value ok
// NUMPY: flint matmul ok
// NUMPY: ovp gemm ok
// NUMPY: mx conv ok

!x8 = !quant.uniform<i8:f32, 0.05>
!w8 = !quant.uniform<i8:f32:0, {0.01, 0.02, 0.015, 0.03}>
!acc = !quant.uniform<i32:f32:1, {5.0e-4, 1.0e-3, 7.5e-4, 1.5e-3}>
!bias = !quant.uniform<i32:f32:0, {5.0e-4, 1.0e-3, 7.5e-4, 1.5e-3}>
!y8 = !quant.uniform<i8:f32, 0.02>
!fa = !qt.flint<4, signed, scale = 0.1>
!fb = !qt.flint<4, signed, scales = [0.1, 0.2, 0.3, 0.4, 0.5], axis = 1>
!ovp = !qt.ovp<int, 4, scale = 0.02>
!mx = !qt.mx<int8, block = 32, axis = 1>

func.func @main(%x: tensor<1x3x6x6xf32> {onnx.name = "x"},
                %w: tensor<4x3x3x3xf32> {onnx.name = "w"},
                %b: tensor<4xf32> {onnx.name = "b"},
                %a: tensor<2x3x8xf32> {onnx.name = "a"},
                %bm: tensor<8x5xf32> {onnx.name = "bm"},
                %g: tensor<3x16xf32> {onnx.name = "g"},
                %gw: tensor<6x16xf32> {onnx.name = "gw"},
                %gc: tensor<6xf32> {onnx.name = "gc"},
                %xm: tensor<1x32x4x4xf32> {onnx.name = "xm"},
                %wm: tensor<2x32x3x3xf32> {onnx.name = "wm"})
    -> (tensor<1x4x6x6x!acc> {onnx.name = "acc"},
        tensor<1x4x6x6xf32> {onnx.name = "requant"},
        tensor<1x4x6x6xf32> {onnx.name = "value"},
        tensor<2x3x5xf32> {onnx.name = "mm"},
        tensor<3x6xf32> {onnx.name = "gemm"},
        tensor<3x16xf32> {onnx.name = "g_deq"},
        tensor<6x16xf32> {onnx.name = "gw_deq"},
        tensor<1x2x2x2xf32> {onnx.name = "mxconv"},
        tensor<1x32x4x4xf32> {onnx.name = "xm_deq"},
        tensor<2x32x3x3xf32> {onnx.name = "wm_deq"}) {
  // int8 x per-channel int8 + i32 bias -> i32 accumulator -> int8.
  %xq = qt.quantize %x : tensor<1x3x6x6xf32> -> tensor<1x3x6x6x!x8>
  %wq = qt.quantize %w : tensor<4x3x3x3xf32> -> tensor<4x3x3x3x!w8>
  %bq = qt.quantize %b : tensor<4xf32> -> tensor<4x!bias>
  %acc = nn.conv %xq, %wq, %bq {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<1x3x6x6x!x8>, tensor<4x3x3x3x!w8>, tensor<4x!bias>) -> tensor<1x4x6x6x!acc>
  %y8 = qt.requantize %acc : tensor<1x4x6x6x!acc> -> tensor<1x4x6x6x!y8>
  %y = qt.dequantize %y8 : tensor<1x4x6x6x!y8> -> tensor<1x4x6x6xf32>
  // The same product as a float result, with a float bias.
  %v = nn.conv %xq, %wq, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<1x3x6x6x!x8>, tensor<4x3x3x3x!w8>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  // flint4 x per-channel flint4, batched.
  %aq = qt.quantize %a : tensor<2x3x8xf32> -> tensor<2x3x8x!fa>
  %bmq = qt.quantize %bm : tensor<8x5xf32> -> tensor<8x5x!fb>
  %mm = nn.matmul %aq, %bmq : (tensor<2x3x8x!fa>, tensor<8x5x!fb>) -> tensor<2x3x5xf32>
  // int8 x OVP int4 (trans_b), float bias.
  %gq = qt.quantize %g : tensor<3x16xf32> -> tensor<3x16x!x8>
  %gwq = qt.quantize %gw : tensor<6x16xf32> -> tensor<6x16x!ovp>
  %gemm = nn.gemm %gq, %gwq, %gc {trans_b = true} : (tensor<3x16x!x8>, tensor<6x16x!ovp>, tensor<6xf32>) -> tensor<3x6xf32>
  %gd = qt.dequantize %gq : tensor<3x16x!x8> -> tensor<3x16xf32>
  %gwd = qt.dequantize %gwq : tensor<6x16x!ovp> -> tensor<6x16xf32>
  // MXINT8 blocks along the input channels.
  %xmq = qt.quantize %xm : tensor<1x32x4x4xf32> -> tensor<1x32x4x4x!mx>
  %wmq = qt.quantize %wm : tensor<2x32x3x3xf32> -> tensor<2x32x3x3x!mx>
  %mc = nn.conv %xmq, %wmq {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64}
      : (tensor<1x32x4x4x!mx>, tensor<2x32x3x3x!mx>) -> tensor<1x2x2x2xf32>
  %xmd = qt.dequantize %xmq : tensor<1x32x4x4x!mx> -> tensor<1x32x4x4xf32>
  %wmd = qt.dequantize %wmq : tensor<2x32x3x3x!mx> -> tensor<2x32x3x3xf32>
  return %acc, %y, %v, %mm, %gemm, %gd, %gwd, %mc, %xmd, %wmd
      : tensor<1x4x6x6x!acc>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<2x3x5xf32>, tensor<3x6xf32>, tensor<3x16xf32>, tensor<6x16xf32>, tensor<1x2x2x2xf32>, tensor<1x32x4x4xf32>, tensor<2x32x3x3xf32>
}
