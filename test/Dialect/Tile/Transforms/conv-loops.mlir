// Convolutions Gemmini's convolution loop runs whole stay tile.conv under
// --tile-conv-to-matmul{conv-loops=all}; --tessel-tile gives them
// tiled_conv_auto's tile, and the lowering one loop_conv_ws per tile. The
// tiles and their counts are gemmini.h's own, run natively by
// python/tessel/gemmini_tiling_reference.py on
// test/Schedule/Inputs/gemmini-tiling-cases.txt (resnet50.s2.3x3: args
// 1,22,23,16,3,3,64, 36 tiles; resnet50.s3.3x3s2: 1,22,23,16,3,3,48, 96).
// RUN: tessel-opt %s --split-input-file --tile-conv-to-matmul=conv-loops=all | FileCheck %s --check-prefix=KEEP
// RUN: tessel-opt %s --split-input-file --tile-conv-to-matmul=conv-loops=all --tessel-tile | FileCheck %s --check-prefix=TILES
// RUN: tessel-opt %s --split-input-file --tile-conv-to-matmul=conv-loops=all --tessel-tile --tessel-lower-to-gemmini | FileCheck %s --check-prefix=LOOPS
// RUN: not tessel-opt %s --split-input-file --tessel-tile 2>&1 | FileCheck %s --check-prefix=REFUSED
// RUN: not tessel-opt %s --split-input-file --tile-conv-to-matmul=conv-loops=all --tessel-tile="target=gemmini-default:spad_bank_rows=2" 2>&1 | FileCheck %s --check-prefix=FIT
// The pipeline keeps them under policy=gemmini (conv=auto); under
// policy=cost only where the loop is faster (conv-loops=faster), unless
// conv=loop; conv=im2col never does.
// RUN: tessel-opt %s --split-input-file --tessel-to-gemmini | FileCheck %s --check-prefix=PIPE-LOOP
// RUN: tessel-opt %s --split-input-file --tessel-to-gemmini="policy=cost conv=loop" | FileCheck %s --check-prefix=PIPE-LOOP
// RUN: tessel-opt %s --split-input-file --tessel-to-gemmini="policy=cost" | FileCheck %s --check-prefix=PIPE-IM2COL
// RUN: tessel-opt %s --split-input-file --tessel-to-gemmini="conv=im2col" | FileCheck %s --check-prefix=PIPE-IM2COL
// RUN: not tessel-opt %s --tessel-to-gemmini="conv=winograd" 2>&1 | FileCheck %s --check-prefix=PIPE-BAD
// RUN: tessel-opt %s --split-input-file --tile-conv-to-matmul=conv-loops=faster | FileCheck %s --check-prefix=FASTER
// RUN: tessel-opt %s --split-input-file --tessel-to-gemmini="policy=cost" | FileCheck %s --check-prefix=PIPE-COST
// PIPE-LOOP-LABEL: gemmini.program @s2_3x3 {
// PIPE-LOOP-NEXT: gemmini.config_st
// PIPE-LOOP-NEXT: gemmini.config_ex
// PIPE-LOOP-NEXT: gemmini.loop_conv_ws_config_1
// PIPE-LOOP-LABEL: gemmini.program @s3_3x3s2 {
// PIPE-LOOP-NEXT: gemmini.config_st
// PIPE-LOOP-NEXT: gemmini.config_ex
// PIPE-LOOP-NEXT: gemmini.loop_conv_ws_config_1
// PIPE-LOOP-LABEL: gemmini.program @dw {
// PIPE-LOOP-NEXT: gemmini.config_st
// PIPE-LOOP-NEXT: gemmini.config_ex
// PIPE-LOOP-NEXT: gemmini.loop_conv_ws_config_1
// PIPE-IM2COL-NOT: loop_conv_ws
// PIPE-IM2COL: tile.im2col
// PIPE-BAD: for the --conv option: Cannot find option named 'winograd'!

// KEEP-LABEL: func.func @kept
// KEEP-NEXT: tile.conv
// KEEP-NEXT: tile.conv
// KEEP-NEXT: tile.conv
// KEEP-NEXT: return
// TILES-LABEL: func.func @kept
// TILES: tiles = array<i64: 1, 22, 23, 16, 3, 3, 64>
// TILES: tiles = array<i64: 1, 22, 23, 16, 3, 3, 48>
// A depthwise tile: one channel.
// TILES: groups = 32 : i64, {{.*}}tiles = array<i64: 1, {{[0-9]+}}, {{[0-9]+}}, 1, 3, 3, 1>
// LOOPS-LABEL: gemmini.program @s2_3x3 {
// LOOPS-COUNT-36: gemmini.loop_conv_ws {{.*}}no_pool = true
// LOOPS-NOT: gemmini.loop_conv_ws
// LOOPS-LABEL: gemmini.program @s3_3x3s2 {
// LOOPS-COUNT-96: gemmini.loop_conv_ws {{.*}}no_pool = true
// LOOPS-NOT: gemmini.loop_conv_ws
// LOOPS: gemmini.program @dw
// A stride-2 tile of one pixel needs 2 x 2 input pixels and one weight
// row: 5 of the 4 rows half of an 8-row scratchpad offers.
// FIT: error: loc("s3_3x3s2"): no tile of this layer fits the target: convolution does not fit: the smallest tile (batches 1, porows 1, pocols 1, pochs 1, krows 1, kcols 1, kchs 1) needs 5 scratchpad rows of 4
func.func @kept(%x: tensor<1x64x56x56xi8>, %w: tensor<64x64x3x3xi8>, %x2: tensor<1x128x56x56xi8>,
                %w2: tensor<128x128x3x3xi8>, %xd: tensor<1x32x16x16xi8>, %wd: tensor<32x1x3x3xi8>)
    -> (tensor<1x64x56x56xi8>, tensor<1x128x28x28xi8>, tensor<1x32x16x16xi8>) {
  %0 = tile.conv %x, %w activation relu {acc_scale = array<f32: 0.01>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x64x56x56xi8>, tensor<64x64x3x3xi8>) -> tensor<1x64x56x56xi8> loc("s2_3x3")
  %1 = tile.conv %x2, %w2 {acc_scale = array<f32: 0.01>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x128x56x56xi8>, tensor<128x128x3x3xi8>) -> tensor<1x128x28x28xi8> loc("s3_3x3s2")
  %2 = tile.conv %xd, %wd {acc_scale = array<f32: 0.01>, groups = 32 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x16x16xi8>, tensor<32x1x3x3xi8>) -> tensor<1x32x16x16xi8> loc("dw")
  return %0, %1, %2 : tensor<1x64x56x56xi8>, tensor<1x128x28x28xi8>, tensor<1x32x16x16xi8>
}

// -----

// What the loop cannot run becomes im2col and a matrix product: per-channel
// scales, the raw accumulator, grouped (not depthwise) layers, different
// strides or pads per axis.
// KEEP-LABEL: func.func @converted
// KEEP-NOT: tile.conv
// KEEP: return
// REFUSED: error: does not run as Gemmini's convolution loop: its scales are per channel, and loop_conv_ws's store path holds one; run --tile-conv-to-matmul first
func.func @converted(%x: tensor<1x4x8x8xi8>, %w: tensor<4x4x3x3xi8>, %wg: tensor<4x2x3x3xi8>)
    -> (tensor<1x4x6x6xi8>, tensor<1x4x6x6xi32>, tensor<1x4x6x6xi8>, tensor<1x4x3x6xi8>, tensor<1x4x7x6xi8>) {
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5, 0.25, 0.5, 0.25>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x4x3x3xi8>) -> tensor<1x4x6x6xi8>
  %1 = tile.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x4x3x3xi8>) -> tensor<1x4x6x6xi32>
  %2 = tile.conv %x, %wg {acc_scale = array<f32: 0.5>, groups = 2 : i64, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x2x3x3xi8>) -> tensor<1x4x6x6xi8>
  %3 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, strides = array<i64: 2, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x4x3x3xi8>) -> tensor<1x4x3x6xi8>
  %4 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, strides = array<i64: 1, 1>, pads = array<i64: 1, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x4x3x3xi8>) -> tensor<1x4x7x6xi8>
  return %0, %1, %2, %3, %4 : tensor<1x4x6x6xi8>, tensor<1x4x6x6xi32>, tensor<1x4x6x6xi8>, tensor<1x4x3x6xi8>, tensor<1x4x7x6xi8>
}

// -----

// REFUSED: error: does not run as Gemmini's convolution loop: its result is the int32 accumulator, and loop_conv_ws writes int8; run --tile-conv-to-matmul first
func.func @raw(%x: tensor<1x4x8x8xi8>, %w: tensor<4x4x3x3xi8>) -> tensor<1x4x6x6xi32> {
  %0 = tile.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x4x3x3xi8>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

// REFUSED: error: does not run as Gemmini's convolution loop: loop_conv_ws runs groups = 1 or depthwise convolutions (one weight per channel), not 2 groups of 2 input and 2 output channels; run --tile-conv-to-matmul first
func.func @grouped(%x: tensor<1x4x8x8xi8>, %w: tensor<4x2x3x3xi8>) -> tensor<1x4x6x6xi8> {
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, groups = 2 : i64, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x2x3x3xi8>) -> tensor<1x4x6x6xi8>
  return %0 : tensor<1x4x6x6xi8>
}

// -----

// REFUSED: error: does not run as Gemmini's convolution loop: loop_conv_ws takes a square kernel with one stride, dilation and padding for both axes; run --tile-conv-to-matmul first
func.func @strides(%x: tensor<1x4x8x8xi8>, %w: tensor<4x4x3x3xi8>) -> tensor<1x4x3x6xi8> {
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, strides = array<i64: 2, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x4x3x3xi8>) -> tensor<1x4x3x6xi8>
  return %0 : tensor<1x4x3x6xi8>
}

// -----

// Sizes beyond loop_conv_ws's 16-bit fields.
// REFUSED: error: does not run as Gemmini's convolution loop: a size of 70000 exceeds loop_conv_ws's 16-bit fields; run --tile-conv-to-matmul first
func.func @wide(%x: tensor<1x1x1x70000xi8>, %w: tensor<4x1x1x1xi8>) -> tensor<1x4x1x70000xi8> {
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x1x70000xi8>, tensor<4x1x1x1xi8>) -> tensor<1x4x1x70000xi8>
  return %0 : tensor<1x4x1x70000xi8>
}

// -----

// conv-loops=faster keeps the loop where its timed program beats the cost
// model's im2col product: mobilenet_v2's 1x1 expansion at 14x14 (the loop
// moves one tile's output out while the next computes; 24201 against
// 36566 cycles for the product, test/Run/Compile/models-per-tensor.test
// checks such choices against both programs run), and not a depthwise
// layer, one channel per loop tile.
// FASTER-LABEL: func.func @choice
// FASTER-NEXT: tile.conv %arg0, %arg1, %arg2
// FASTER-NOT: tile.conv
// FASTER: return
// PIPE-COST-LABEL: gemmini.program @expand {
// PIPE-COST-NEXT: gemmini.config_st
// PIPE-COST-NEXT: gemmini.config_ex
// PIPE-COST-NEXT: gemmini.loop_conv_ws_config_1
// PIPE-COST-LABEL: gemmini.program @dw {
// PIPE-COST-NOT: loop_conv_ws
// PIPE-COST: gemmini.loop_ws
func.func @choice(%x: tensor<1x64x14x14xi8>, %w: tensor<384x64x1x1xi8>, %b: tensor<384xi32>,
                  %xd: tensor<1x32x16x16xi8>, %wd: tensor<32x1x3x3xi8>)
    -> (tensor<1x384x14x14xi8>, tensor<1x32x16x16xi8>) {
  %0 = tile.conv %x, %w, %b activation relu {acc_scale = array<f32: 0.01>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x64x14x14xi8>, tensor<384x64x1x1xi8>, tensor<384xi32>) -> tensor<1x384x14x14xi8> loc("expand")
  %1 = tile.conv %xd, %wd {acc_scale = array<f32: 0.01>, groups = 32 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x32x16x16xi8>, tensor<32x1x3x3xi8>) -> tensor<1x32x16x16xi8> loc("dw")
  return %0, %1 : tensor<1x384x14x14xi8>, tensor<1x32x16x16xi8>
}
