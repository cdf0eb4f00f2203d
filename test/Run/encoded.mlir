// Convolutions leave their results in oneDNN's blocked layout (an encoded
// tensor, interp::Encoding); the next convolution reads it as it is, the
// elementwise ops that keep zeros zero (ReLU, Clip to a range holding 0,
// Add of two such results) map it in place, and every other reader sees
// ONNX's layout. A ReLU or Clip that is a convolution's only reader is
// applied inside it as oneDNN's post-op. Max pooling of an encoded tensor
// writes the same layout (the convolution after it reads it as it is),
// global average pooling reads it as it is. 24 channels pad the 16-channel
// blocks; NaNs in the input check that the fused activations map NaN as
// their definitions do (ReLU to 0, Clip keeps it). NumPy computes every
// result from ONNX's definitions (encoded.mlir.py).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %s.py %t inputs
// RUN: tessel-run %s --input x=%t/x.npy --input w0=%t/w0.npy --input b0=%t/b0.npy --input wd=%t/wd.npy --input wp=%t/wp.npy --input wq=%t/wq.npy --output-dir %t/out > /dev/null
// RUN: %python %s.py %t check | FileCheck %s
// CHECK: relu_fused ok
// CHECK: conv_twice ok
// CHECK: relu_of_twice ok
// CHECK: clip_fused ok
// CHECK: clip_nan ok
// CHECK: pointwise ok
// CHECK: sum ok
// CHECK: pooled ok
// CHECK: shifted ok
// CHECK: squashed ok
// CHECK: pooled_nan ok
// CHECK: pooled_conv ok
// CHECK: averaged ok
func.func @main(%x: tensor<1x3x9x9xf32> {onnx.name = "x"},
                %w0: tensor<24x3x3x3xf32> {onnx.name = "w0"},
                %b0: tensor<24xf32> {onnx.name = "b0"},
                %wd: tensor<24x1x3x3xf32> {onnx.name = "wd"},
                %wp: tensor<24x24x1x1xf32> {onnx.name = "wp"},
                %wq: tensor<24x24x1x1xf32> {onnx.name = "wq"})
    -> (tensor<1x24x9x9xf32> {onnx.name = "relu_fused"},
        tensor<1x24x9x9xf32> {onnx.name = "conv_twice"},
        tensor<1x24x9x9xf32> {onnx.name = "relu_of_twice"},
        tensor<1x24x5x5xf32> {onnx.name = "clip_fused"},
        tensor<1x24x5x5xf32> {onnx.name = "clip_nan"},
        tensor<1x24x5x5xf32> {onnx.name = "pointwise"},
        tensor<1x24x5x5xf32> {onnx.name = "sum"},
        tensor<1x24x2x2xf32> {onnx.name = "pooled"},
        tensor<1x24x5x5xf32> {onnx.name = "shifted"},
        tensor<1x24x5x5xf32> {onnx.name = "squashed"},
        tensor<1x24x5x5xf32> {onnx.name = "pooled_nan"},
        tensor<1x24x5x5xf32> {onnx.name = "pooled_conv"},
        tensor<1x24x1x1xf32> {onnx.name = "averaged"}) {
  // Its only reader is the ReLU: fused.
  %c0 = nn.conv %x, %w0, %b0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x9x9xf32>, tensor<24x3x3x3xf32>, tensor<24xf32>) -> tensor<1x24x9x9xf32>
  %r0 = nn.relu %c0 : tensor<1x24x9x9xf32>
  // Read twice (returned too): not fused, the ReLU maps the encoding.
  %c1 = nn.conv %x, %w0 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x9x9xf32>, tensor<24x3x3x3xf32>) -> tensor<1x24x9x9xf32>
  %r1 = nn.relu %c1 : tensor<1x24x9x9xf32>
  // Depthwise, stride 2, on the encoded %r0, Clip fused.
  %d = nn.conv %r0, %wd {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 24 : i64} : (tensor<1x24x9x9xf32>, tensor<24x1x3x3xf32>) -> tensor<1x24x5x5xf32>
  %dc = nn.clip %d {max = 6.0 : f64, min = 0.0 : f64} : tensor<1x24x5x5xf32>
  // NaNs through a fused Clip stay NaN.
  %e = nn.conv %x, %w0 {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x9x9xf32>, tensor<24x3x3x3xf32>) -> tensor<1x24x5x5xf32>
  %ec = nn.clip %e {max = 6.0 : f64, min = 0.0 : f64} : tensor<1x24x5x5xf32>
  // Pointwise convolutions of encoded inputs, added in their layout.
  %p = nn.conv %dc, %wp {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x24x5x5xf32>, tensor<24x24x1x1xf32>) -> tensor<1x24x5x5xf32>
  %q = nn.conv %dc, %wq {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x24x5x5xf32>, tensor<24x24x1x1xf32>) -> tensor<1x24x5x5xf32>
  %s = nn.add %p, %q : (tensor<1x24x5x5xf32>, tensor<1x24x5x5xf32>) -> tensor<1x24x5x5xf32>
  // Max pooling keeps the layout.
  %m = nn.maxpool %s {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x24x5x5xf32>) -> tensor<1x24x2x2xf32>
  // Readers of ONNX's layout: a Clip whose range leaves 0 out and a
  // sigmoid (neither keeps zeros zero).
  %pc = nn.conv %dc, %wp {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x24x5x5xf32>, tensor<24x24x1x1xf32>) -> tensor<1x24x5x5xf32>
  %sh = nn.clip %pc {max = 2.0 : f64, min = 0.5 : f64} : tensor<1x24x5x5xf32>
  %qc = nn.conv %dc, %wq {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x24x5x5xf32>, tensor<24x24x1x1xf32>) -> tensor<1x24x5x5xf32>
  %sq = nn.sigmoid %qc : tensor<1x24x5x5xf32>
  // Padded windows over NaNs (max ignores them), the result read by a
  // convolution as it is; the average of an encoded sum.
  %mn = nn.maxpool %c1 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x24x9x9xf32>) -> tensor<1x24x5x5xf32>
  %mr = nn.relu %mn : tensor<1x24x5x5xf32>
  %mc = nn.conv %mr, %wp {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x24x5x5xf32>, tensor<24x24x1x1xf32>) -> tensor<1x24x5x5xf32>
  %av = nn.global_avgpool %s : (tensor<1x24x5x5xf32>) -> tensor<1x24x1x1xf32>
  return %r0, %c1, %r1, %dc, %ec, %p, %s, %m, %sh, %sq, %mn, %mc, %av : tensor<1x24x9x9xf32>, tensor<1x24x9x9xf32>, tensor<1x24x9x9xf32>, tensor<1x24x5x5xf32>, tensor<1x24x5x5xf32>, tensor<1x24x5x5xf32>, tensor<1x24x5x5xf32>, tensor<1x24x2x2xf32>, tensor<1x24x5x5xf32>, tensor<1x24x5x5xf32>, tensor<1x24x5x5xf32>, tensor<1x24x5x5xf32>, tensor<1x24x1x1xf32>
}
