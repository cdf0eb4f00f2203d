// The tile layers' integer semantics against NumPy written from their
// definition: int32 accumulation with the bias, then Gemmini's store path
// act(sat8(rne(float32(acc) * float32(scale)))), per tensor or per channel.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %s.py inputs %t
// RUN: tessel-run %s --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy --input x=%t/x.npy --input w=%t/w.npy --input cb=%t/cb.npy --input dw=%t/dw.npy --output-dir %t/out
// RUN: %python %s.py check %t | FileCheck %s
// CHECK: matmul ok
// CHECK: matmul_raw ok
// CHECK: matmul_batched ok
// CHECK: conv ok
// CHECK: depthwise ok
// CHECK: pooled ok
// CHECK: im2col ok
// CHECK: requantize ok

func.func @main(%a: tensor<2x37x45xi8> {onnx.name = "a"}, %b: tensor<45x19xi8> {onnx.name = "b"},
                %bias: tensor<19xi32> {onnx.name = "bias"}, %x: tensor<2x5x9x11xi8> {onnx.name = "x"},
                %w: tensor<6x5x3x3xi8> {onnx.name = "w"}, %cb: tensor<6xi32> {onnx.name = "cb"},
                %dw: tensor<5x1x3x3xi8> {onnx.name = "dw"})
    -> (tensor<2x37x19xi8> {onnx.name = "matmul"}, tensor<2x37x19xi32> {onnx.name = "matmul_raw"},
        tensor<2x37x37xi32> {onnx.name = "matmul_batched"},
        tensor<2x6x5x6xi8> {onnx.name = "conv"}, tensor<2x5x9x11xi8> {onnx.name = "depthwise"},
        tensor<2x6x5x6xi8> {onnx.name = "pooled"},
        tensor<32x45xi8> {onnx.name = "im2col"}, tensor<2x37x19xi8> {onnx.name = "requantize"}) {
  %0 = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.0123>} : (tensor<2x37x45xi8>, tensor<45x19xi8>, tensor<19xi32>) -> tensor<2x37x19xi8>
  %1 = tile.matmul %a, %b, %bias : (tensor<2x37x45xi8>, tensor<45x19xi8>, tensor<19xi32>) -> tensor<2x37x19xi32>
  %at = nn.transpose %a {perm = array<i64: 0, 2, 1>} : (tensor<2x37x45xi8>) -> tensor<2x45x37xi8>
  %2 = tile.matmul %a, %at : (tensor<2x37x45xi8>, tensor<2x45x37xi8>) -> tensor<2x37x37xi32>
  %3 = tile.conv %x, %w, %cb activation relu {acc_scale = array<f32: 0.01, 0.02, 0.03, 0.004, 0.05, 0.006>, strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 1, 2>, dilations = array<i64: 1, 1>} : (tensor<2x5x9x11xi8>, tensor<6x5x3x3xi8>, tensor<6xi32>) -> tensor<2x6x5x6xi8>
  %4 = tile.conv %x, %dw {acc_scale = array<f32: 0.05>, groups = 5 : i64, strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>} : (tensor<2x5x9x11xi8>, tensor<5x1x3x3xi8>) -> tensor<2x5x9x11xi8>
  %pooled = tile.conv %x, %w, %cb {acc_scale = array<f32: 0.01, 0.02, 0.03, 0.004, 0.05, 0.006>, pool = array<i64: 3, 2, 1>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<2x5x9x11xi8>, tensor<6x5x3x3xi8>, tensor<6xi32>) -> tensor<2x6x5x6xi8>
  %5 = tile.im2col %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 3>, pads = array<i64: 1, 1, 0, 0>, dilations = array<i64: 1, 1>} : tensor<2x5x9x11xi8> -> tensor<32x45xi8>
  %6 = tile.requantize %1 activation relu {acc_scale = array<f32: 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19>, axis = 2 : i64} : tensor<2x37x19xi32> -> tensor<2x37x19xi8>
  return %0, %1, %2, %3, %4, %pooled, %5, %6 : tensor<2x37x19xi8>, tensor<2x37x19xi32>, tensor<2x37x37xi32>, tensor<2x6x5x6xi8>, tensor<2x5x9x11xi8>, tensor<2x6x5x6xi8>, tensor<32x45xi8>, tensor<2x37x19xi8>
}
