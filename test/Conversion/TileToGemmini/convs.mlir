// Convolutions of every kind through the array (im2col and matmul tiles,
// grouped ones as a batch of products with a bias row per group) are bit
// for bit the tile.conv they come from, whose semantics
// test/Run/Tile/layers.mlir checks against NumPy.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(9); i8 = lambda *s: r.integers(-128, 128, s).astype(np.int8); np.save('%t/x.npy', i8(2, 6, 9, 9)); np.save('%t/w.npy', i8(8, 6, 3, 3)); np.save('%t/wg.npy', i8(6, 2, 3, 3)); np.save('%t/wd.npy', i8(6, 1, 3, 3)); np.save('%t/b.npy', r.integers(-4000, 4000, 8).astype(np.int32)); np.save('%t/bg.npy', r.integers(-4000, 4000, 6).astype(np.int32))"
// RUN: tessel-opt %s --tile-conv-to-matmul --tessel-tile --tessel-lower-to-gemmini -o %t/lowered.mlir
// RUN: FileCheck %s --input-file=%t/lowered.mlir
// RUN: tessel-run %t/lowered.mlir --compare %s --input x=%t/x.npy --input w=%t/w.npy --input wg=%t/wg.npy --input wd=%t/wd.npy --input b=%t/b.npy --input bg=%t/bg.npy | FileCheck %s --check-prefix=SAME
// SAME: plain: bit-identical (1296 elements)
// SAME: grouped: bit-identical (972 elements)
// SAME: depthwise: bit-identical (972 elements)
// SAME: raw: bit-identical (144 elements)
// CHECK-COUNT-4: gemmini.program
// CHECK-NOT: tile.conv

func.func @main(%x: tensor<2x6x9x9xi8> {onnx.name = "x"}, %w: tensor<8x6x3x3xi8> {onnx.name = "w"},
                %wg: tensor<6x2x3x3xi8> {onnx.name = "wg"}, %wd: tensor<6x1x3x3xi8> {onnx.name = "wd"},
                %b: tensor<8xi32> {onnx.name = "b"}, %bg: tensor<6xi32> {onnx.name = "bg"})
    -> (tensor<2x8x9x9xi8> {onnx.name = "plain"}, tensor<2x6x9x9xi8> {onnx.name = "grouped"},
        tensor<2x6x9x9xi8> {onnx.name = "depthwise"}, tensor<2x8x3x3xi32> {onnx.name = "raw"}) {
  %0 = tile.conv %x, %w, %b activation relu {acc_scale = array<f32: 0.01, 0.02, 0.005, 0.004, 0.03, 0.001, 0.002, 0.008>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<2x6x9x9xi8>, tensor<8x6x3x3xi8>, tensor<8xi32>) -> tensor<2x8x9x9xi8>
  %1 = tile.conv %x, %wg, %bg activation relu {acc_scale = array<f32: 0.01, 0.02, 0.005, 0.004, 0.03, 0.001>, groups = 3 : i64, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<2x6x9x9xi8>, tensor<6x2x3x3xi8>, tensor<6xi32>) -> tensor<2x6x9x9xi8>
  %2 = tile.conv %x, %wd, %bg {acc_scale = array<f32: 0.02>, groups = 6 : i64, strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>} : (tensor<2x6x9x9xi8>, tensor<6x1x3x3xi8>, tensor<6xi32>) -> tensor<2x6x9x9xi8>
  %3 = tile.conv %x, %w {strides = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<2x6x9x9xi8>, tensor<8x6x3x3xi8>) -> tensor<2x8x3x3xi32>
  return %0, %1, %2, %3 : tensor<2x8x9x9xi8>, tensor<2x6x9x9xi8>, tensor<2x6x9x9xi8>, tensor<2x8x3x3xi32>
}
