// A bias per element of C (Gemmini's D without repeating_bias): loaded
// through load state 2 with the row stride of C in bytes (30 x 4) and
// loop_ws's D stride of 30 elements; the second row tile's D starts 16 rows
// in (16 x 30 x 4 = 1920 bytes), the second column tile's 16 columns in
// (64 bytes). Lowered as loop_ws, as explicit moves and output-stationary,
// every program gives NumPy's a @ b + bias in int32 (and, scaled,
// Gemmini's store path).
// RUN: tessel-opt %s --tessel-lower-to-gemmini | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(9); np.save('%t/a.npy', r.integers(-128, 128, (40, 50)).astype(np.int8)); np.save('%t/b.npy', r.integers(-128, 128, (50, 30)).astype(np.int8)); np.save('%t/bias.npy', r.integers(-100000, 100000, (40, 30)).astype(np.int32))"
// RUN: tessel-opt %s --tessel-lower-to-gemmini -o %t/loop.mlir
// RUN: tessel-opt %s --tessel-lower-to-gemmini="explicit=true" -o %t/explicit.mlir
// RUN: tessel-run %t/loop.mlir --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy --output-dir %t/loop
// RUN: tessel-run %t/explicit.mlir --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy --output-dir %t/explicit
// RUN: %python %s.py %t | FileCheck %s --check-prefix=NUMPY
// The explicit tiled form, run in the interpreter and lowered.
// RUN: tessel-opt %s --tile-expand -o %t/tiles.mlir
// RUN: tessel-opt %t/tiles.mlir --tessel-lower-to-gemmini -o %t/tiles-lowered.mlir
// RUN: tessel-run %t/tiles.mlir --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy --output-dir %t/tiles
// RUN: tessel-run %t/tiles-lowered.mlir --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy --output-dir %t/tiles-lowered
// RUN: %python %s.py %t tiles tiles-lowered | FileCheck %s --check-prefix=TILES

// CHECK: gemmini.config_ld id = 2, pixel_repeats = 1, block_stride = 16, stride = 120
// CHECK: gemmini.loop_ws_config_addrs_dc d = @[[BIAS:.*]], c = zeros
// CHECK: gemmini.loop_ws_config_strides_dc d_stride = 30, c_stride = 30
// CHECK: gemmini.loop_ws_config_addrs_dc d = @[[BIAS]] + 64, c = zeros
// CHECK: gemmini.loop_ws_config_addrs_dc d = @[[BIAS]] + 1920, c = zeros
// NUMPY: loop ws: equal to a @ b + bias
// NUMPY: loop os: equal to a @ b + bias, scaled
// NUMPY: explicit ws: equal to a @ b + bias
// NUMPY: explicit os: equal to a @ b + bias, scaled
// TILES: tiles ws: equal to a @ b + bias
// TILES: tiles os: equal to a @ b + bias, scaled
// TILES: tiles-lowered ws: equal to a @ b + bias
// TILES: tiles-lowered os: equal to a @ b + bias, scaled
func.func @main(%a: tensor<40x50xi8> {onnx.name = "a"}, %b: tensor<50x30xi8> {onnx.name = "b"}, %bias: tensor<40x30xi32> {onnx.name = "bias"}) -> (tensor<40x30xi32> {onnx.name = "ws"}, tensor<40x30xi8> {onnx.name = "os"}) {
  %0 = tile.matmul %a, %b, %bias {tiles = array<i64: 1, 1, 1>} : (tensor<40x50xi8>, tensor<50x30xi8>, tensor<40x30xi32>) -> tensor<40x30xi32>
  %1 = tile.matmul %a, %b, %bias activation relu dataflow os {acc_scale = array<f32: 0.01>, tiles = array<i64: 2, 1, 3>} : (tensor<40x50xi8>, tensor<50x30xi8>, tensor<40x30xi32>) -> tensor<40x30xi8>
  return %0, %1 : tensor<40x30xi32>, tensor<40x30xi8>
}
