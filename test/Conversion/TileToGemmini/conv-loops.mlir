// Convolutions kept whole run as Gemmini's tiled_conv runs them: one
// loop_conv_ws per tile, NHWC input, HWIO weights. The lowered module
// computes bit for bit what the tile.conv ops compute (their semantics:
// test/Run/Tile/layers.mlir against NumPy), for tiles split along every
// argument, operands reused across tiles, no bias, depthwise, strided,
// downsampled (1x1 stride 2), dilated and max-pooled layers.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(3); i8 = lambda *s: r.integers(-128, 128, s).astype(np.int8); np.save('%t/x.npy', i8(1, 20, 6, 6)); np.save('%t/w.npy', i8(24, 20, 3, 3)); np.save('%t/b.npy', r.integers(-4000, 4000, 24).astype(np.int32)); np.save('%t/xe.npy', i8(2, 20, 8, 8)); np.save('%t/wd.npy', i8(20, 1, 3, 3)); np.save('%t/w1.npy', i8(24, 20, 1, 1)); np.save('%t/bd.npy', r.integers(-4000, 4000, 20).astype(np.int32))"
// RUN: tessel-opt %s --tessel-lower-to-gemmini -o %t/lowered.mlir
// RUN: FileCheck %s --input-file=%t/lowered.mlir
// RUN: tessel-run %t/lowered.mlir --compare %s --input x=%t/x.npy --input w=%t/w.npy --input b=%t/b.npy --input xe=%t/xe.npy --input wd=%t/wd.npy --input w1=%t/w1.npy --input bd=%t/bd.npy | FileCheck %s --check-prefix=SAME
// SAME: whole: bit-identical (864 elements)
// SAME: split: bit-identical (864 elements)
// SAME: weights_reused: bit-identical (864 elements)
// SAME: input_reused: bit-identical (864 elements)
// SAME: no_bias: bit-identical (216 elements)
// SAME: depthwise: bit-identical (2560 elements)
// SAME: depthwise_split: bit-identical (640 elements)
// SAME: downsample: bit-identical (768 elements)
// SAME: dilated: bit-identical (768 elements)
// SAME: pooled: bit-identical (216 elements)
// SAME: dw_pooled: bit-identical (640 elements)
// RUN: not tessel-opt %s --tessel-lower-to-gemmini=explicit=true -o /dev/null 2>&1 | FileCheck %s --check-prefix=EXPLICIT
// EXPLICIT: error: loc("whole"): a convolution loop has no explicit form here: lower convolutions with --tile-conv-to-matmul

// One tile: the layer's shape, the tile's padding (one pixel above, left
// and right: the window spans 6 + 3 - 1 = 8 columns from column -1), the
// whole operands; 20 channels, more than the array's 16 rows, leave no
// room for a second kernel column per matmul; the only tile reuses both
// operands (buffers 1).
// CHECK-LABEL: gemmini.program @whole {
// CHECK-NEXT: gemmini.config_st activation = 1, stride = 24, acc_scale = 5.000000e-02
// CHECK-NEXT: gemmini.config_ex dataflow = ws, a_stride = 1, acc_scale = 0.000000e+00, c_stride = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_1 batch = 1, in_rows = 6, in_channels = 20, out_channels = 24, out_rows = 6, pool_out_rows = 6, out_cols = 6, stride = 1, pad = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_2 pool_stride = 1, pool_size = 1, pool_out_cols = 6, kernel_dim = 3, pochs = 24, pocols = 6, porows = 6, batches = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_3 lpad = 1, kchs = 20, kcols = 3, krows = 3, in_cols = 6, dpad = 1, upad = 1, rpad = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_4 kernel_dilation = 1, orows = 6, ocols = 6, out_stride = 24, weight_stride = 24, in_stride = 20
// CHECK-NEXT: gemmini.loop_conv_ws_config_5 weights = @whole_w, output = @whole_y
// CHECK-NEXT: gemmini.loop_conv_ws_config_6 bias = @whole_bias, input = @whole_x
// CHECK-NEXT: gemmini.loop_conv_ws max_pixels_per_row = 1, b_spad_id = 1, a_spad_id = 1, no_pool = true, activation = 1
// CHECK-NEXT: }

// Split along rows (4 + 2), output channels (16 + 8), kernel columns
// (2 + 1) and input channels (16 + 4): the bias goes in with the first
// kernel column and channel block, the output comes out with the last.
// The input block of kernel column 2 starts at pixel column 1 (20 bytes
// on) and is padded on the right; HWIO weights: column 2, channel 16 is
// row 2 * 20 + 16 = 56 of 24 bytes (1344). 4 channels leave room for two
// kernel columns per matmul.
// CHECK-LABEL: gemmini.program @split {
// CHECK: gemmini.loop_conv_ws_config_3 lpad = 1, kchs = 16, kcols = 2, krows = 3, in_cols = 6, upad = 1
// CHECK: gemmini.loop_conv_ws_config_5 weights = @split_w, output = zeros
// CHECK-NEXT: gemmini.loop_conv_ws_config_6 bias = @split_bias, input = @split_x
// CHECK-NEXT: gemmini.loop_conv_ws max_pixels_per_row = 1, no_pool = true
// CHECK: gemmini.loop_conv_ws_config_3 lpad = 1, kchs = 4, kcols = 2, krows = 3, in_cols = 6, upad = 1
// CHECK: gemmini.loop_conv_ws_config_5 weights = @split_w + 384, output = zeros
// CHECK-NEXT: gemmini.loop_conv_ws_config_6 bias = zeros, input = @split_x + 16
// CHECK-NEXT: gemmini.loop_conv_ws max_pixels_per_row = 2, no_pool = true
// CHECK: gemmini.loop_conv_ws_config_3 kchs = 16, kcols = 1, krows = 3, in_cols = 6, upad = 1, rpad = 1
// CHECK: gemmini.loop_conv_ws_config_5 weights = @split_w + 960, output = zeros
// CHECK-NEXT: gemmini.loop_conv_ws_config_6 bias = zeros, input = @split_x + 20
// CHECK: gemmini.loop_conv_ws_config_3 kchs = 4, kcols = 1, krows = 3, in_cols = 6, upad = 1, rpad = 1
// CHECK: gemmini.loop_conv_ws_config_5 weights = @split_w + 1344, output = @split_y
// CHECK-NEXT: gemmini.loop_conv_ws_config_6 bias = zeros, input = @split_x + 36
// The second block of output channels: its bias from channel 16 on.
// CHECK: gemmini.loop_conv_ws_config_2 {{.*}}pochs = 8, pocols = 6, porows = 4, batches = 1
// CHECK: gemmini.loop_conv_ws_config_5 weights = @split_w + 16, output = zeros
// CHECK-NEXT: gemmini.loop_conv_ws_config_6 bias = @split_bias + 64, input = @split_x

// One weight tile for three row tiles: moved in once (buffer 1), the
// later tiles pass no weights.
// CHECK-LABEL: gemmini.program @weights_reused {
// CHECK: gemmini.loop_conv_ws_config_5 weights = @weights_reused_w, output = @weights_reused_y
// CHECK: gemmini.loop_conv_ws {{.*}}b_spad_id = 1,
// CHECK: gemmini.loop_conv_ws_config_5 weights = zeros, output = @weights_reused_y + 288
// CHECK: gemmini.loop_conv_ws {{.*}}b_spad_id = 1,
// One input tile for three output-channel tiles.
// CHECK-LABEL: gemmini.program @input_reused {
// CHECK: gemmini.loop_conv_ws_config_6 bias = @input_reused_bias, input = @input_reused_x
// CHECK: gemmini.loop_conv_ws_config_6 bias = @input_reused_bias + 32, input = zeros
// CHECK: gemmini.loop_conv_ws_config_6 bias = @input_reused_bias + 64, input = zeros
// Without a bias: gemmini.h's address 1 and no_bias (the accumulator
// starts from zeros).
// CHECK-LABEL: gemmini.program @no_bias {
// CHECK: gemmini.loop_conv_ws_config_6 bias = addr(1), input = @no_bias_x
// CHECK-NEXT: gemmini.loop_conv_ws no_bias = true,
// Depthwise: one channel per tile, OIHW weights, a stride-2 A.
// CHECK-LABEL: gemmini.program @depthwise_split {
// CHECK: gemmini.config_ex dataflow = ws, a_stride = 2,
// CHECK: gemmini.loop_conv_ws_config_2 {{.*}}pochs = 1,
// CHECK: gemmini.loop_conv_ws_config_5 weights = @depthwise_split_w, output = zeros
// CHECK: gemmini.loop_conv_ws {{.*}}dw = true, max_pixels_per_row = 3,
// CHECK: gemmini.loop_conv_ws_config_5 weights = @depthwise_split_w + 6, output = @depthwise_split_y
// 1x1 stride 2: downsample mode, A's stride halved.
// CHECK-LABEL: gemmini.program @downsample {
// CHECK: gemmini.config_ex dataflow = ws, a_stride = 1,
// CHECK: gemmini.loop_conv_ws {{.*}}downsample = true
// Pooled (3x3 windows, stride 2, padded by 1), tiles of 2 x 3 pooled
// pixels: the first covers output rows -1..4 and columns -1..6, so its
// pooling is padded above, left and right, and computes 5 x 6 outputs
// from a 7 x 8 input window from (-1, -1); the second pooled row tile
// (one row: outputs 3..6, the last one padding) reads input rows 2..6,
// with the weights the first moved in.
// CHECK-LABEL: gemmini.program @pooled {
// CHECK: gemmini.loop_conv_ws_config_1 {{.*}}out_rows = 6, pool_out_rows = 3, out_cols = 6
// CHECK-NEXT: gemmini.loop_conv_ws_config_2 pool_pad = 1, pool_stride = 2, pool_size = 3, pool_out_cols = 3, kernel_dim = 3, pochs = 24, pocols = 3, porows = 2, batches = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_3 lpad = 1, kchs = 20, kcols = 3, krows = 3, in_cols = 6, plpad = 1, upad = 1, rpad = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_4 kernel_dilation = 1, pupad = 1, prpad = 1, orows = 5, ocols = 6,
// CHECK: gemmini.loop_conv_ws {{.*}}activation = 1
// CHECK: gemmini.loop_conv_ws_config_2 {{.*}}pocols = 3, porows = 1, batches = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_3 lpad = 1, kchs = 20, kcols = 3, krows = 3, in_cols = 6, plpad = 1, dpad = 1, rpad = 1
// CHECK-NEXT: gemmini.loop_conv_ws_config_4 kernel_dilation = 1, pdpad = 1, prpad = 1, orows = 3, ocols = 6,
// CHECK-NEXT: gemmini.loop_conv_ws_config_5 weights = zeros, output = @pooled_y + 144
// CHECK-NEXT: gemmini.loop_conv_ws_config_6 bias = @pooled_bias, input = @pooled_x + 240

// The host's side: NHWC in, HWIO weights, NCHW out.
// CHECK-LABEL: func.func @main
// CHECK: %[[X:.*]] = nn.transpose %arg0 {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x20x6x6xi8>) -> tensor<1x6x6x20xi8>
// CHECK: %[[W:.*]] = nn.transpose %arg1 {perm = array<i64: 2, 3, 1, 0>} : (tensor<24x20x3x3xi8>) -> tensor<3x3x20x24xi8>
// CHECK: %[[Y:.*]] = gemmini.call @whole(@whole_x = %[[X]] : tensor<1x6x6x20xi8>, @whole_w = %[[W]] : tensor<3x3x20x24xi8>, @whole_bias = %arg2 : tensor<24xi32>) -> (@whole_y : tensor<1x6x6x24xi8>) {tile.tiles = array<i64: 1, 6, 6, 24, 3, 3, 20>}
// CHECK: nn.transpose %[[Y]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x6x6x24xi8>) -> tensor<1x24x6x6xi8>
// CHECK: gemmini.call @depthwise(@depthwise_x = %{{.*}} : tensor<2x8x8x20xi8>, @depthwise_w = %arg4 : tensor<20x1x3x3xi8>, @depthwise_bias = %arg6 : tensor<20xi32>)

func.func @main(%x: tensor<1x20x6x6xi8> {onnx.name = "x"}, %w: tensor<24x20x3x3xi8> {onnx.name = "w"},
                %b: tensor<24xi32> {onnx.name = "b"}, %xe: tensor<2x20x8x8xi8> {onnx.name = "xe"},
                %wd: tensor<20x1x3x3xi8> {onnx.name = "wd"}, %w1: tensor<24x20x1x1xi8> {onnx.name = "w1"},
                %bd: tensor<20xi32> {onnx.name = "bd"})
    -> (tensor<1x24x6x6xi8> {onnx.name = "whole"}, tensor<1x24x6x6xi8> {onnx.name = "split"},
        tensor<1x24x6x6xi8> {onnx.name = "weights_reused"}, tensor<1x24x6x6xi8> {onnx.name = "input_reused"},
        tensor<1x24x3x3xi8> {onnx.name = "no_bias"}, tensor<2x20x8x8xi8> {onnx.name = "depthwise"},
        tensor<2x20x4x4xi8> {onnx.name = "depthwise_split"}, tensor<2x24x4x4xi8> {onnx.name = "downsample"},
        tensor<2x24x4x4xi8> {onnx.name = "dilated"}, tensor<1x24x3x3xi8> {onnx.name = "pooled"},
        tensor<2x20x4x4xi8> {onnx.name = "dw_pooled"}) {
  %0 = tile.conv %x, %w, %b activation relu {acc_scale = array<f32: 0.05>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 6, 6, 24, 3, 3, 20>} : (tensor<1x20x6x6xi8>, tensor<24x20x3x3xi8>, tensor<24xi32>) -> tensor<1x24x6x6xi8> loc("whole")
  %1 = tile.conv %x, %w, %b {acc_scale = array<f32: 0.05>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 4, 6, 16, 3, 2, 16>} : (tensor<1x20x6x6xi8>, tensor<24x20x3x3xi8>, tensor<24xi32>) -> tensor<1x24x6x6xi8> loc("split")
  %2 = tile.conv %x, %w, %b {acc_scale = array<f32: 0.03>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 2, 6, 24, 3, 3, 20>} : (tensor<1x20x6x6xi8>, tensor<24x20x3x3xi8>, tensor<24xi32>) -> tensor<1x24x6x6xi8> loc("weights_reused")
  %3 = tile.conv %x, %w, %b activation relu {acc_scale = array<f32: 0.03>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 6, 6, 8, 3, 3, 20>} : (tensor<1x20x6x6xi8>, tensor<24x20x3x3xi8>, tensor<24xi32>) -> tensor<1x24x6x6xi8> loc("input_reused")
  %4 = tile.conv %x, %w {acc_scale = array<f32: 0.02>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 2, 2, 24, 2, 3, 20>} : (tensor<1x20x6x6xi8>, tensor<24x20x3x3xi8>) -> tensor<1x24x3x3xi8> loc("no_bias")
  %5 = tile.conv %xe, %wd, %bd {acc_scale = array<f32: 0.04>, groups = 20 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 2, 8, 8, 1, 3, 3, 1>} : (tensor<2x20x8x8xi8>, tensor<20x1x3x3xi8>, tensor<20xi32>) -> tensor<2x20x8x8xi8> loc("depthwise")
  %6 = tile.conv %xe, %wd activation relu {acc_scale = array<f32: 0.04>, groups = 20 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 3, 4, 1, 2, 3, 1>} : (tensor<2x20x8x8xi8>, tensor<20x1x3x3xi8>) -> tensor<2x20x4x4xi8> loc("depthwise_split")
  %7 = tile.conv %xe, %w1 {acc_scale = array<f32: 0.06>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 4, 4, 16, 1, 1, 20>} : (tensor<2x20x8x8xi8>, tensor<24x20x1x1xi8>) -> tensor<2x24x4x4xi8> loc("downsample")
  %8 = tile.conv %xe, %w, %b {acc_scale = array<f32: 0.01>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>, tiles = array<i64: 2, 2, 4, 24, 3, 3, 20>} : (tensor<2x20x8x8xi8>, tensor<24x20x3x3xi8>, tensor<24xi32>) -> tensor<2x24x4x4xi8> loc("dilated")
  %9 = tile.conv %x, %w, %b activation relu {acc_scale = array<f32: 0.05>, pool = array<i64: 3, 2, 1>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 2, 3, 24, 3, 3, 20>} : (tensor<1x20x6x6xi8>, tensor<24x20x3x3xi8>, tensor<24xi32>) -> tensor<1x24x3x3xi8> loc("pooled")
  %10 = tile.conv %xe, %wd, %bd {acc_scale = array<f32: 0.04>, groups = 20 : i64, pool = array<i64: 2, 2, 0>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 2, 4, 1, 3, 2, 1>} : (tensor<2x20x8x8xi8>, tensor<20x1x3x3xi8>, tensor<20xi32>) -> tensor<2x20x4x4xi8> loc("dw_pooled")
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : tensor<1x24x6x6xi8>, tensor<1x24x6x6xi8>, tensor<1x24x6x6xi8>, tensor<1x24x6x6xi8>, tensor<1x24x3x3xi8>, tensor<2x20x8x8xi8>, tensor<2x20x4x4xi8>, tensor<2x24x4x4xi8>, tensor<2x24x4x4xi8>, tensor<1x24x3x3xi8>, tensor<2x20x4x4xi8>
}
