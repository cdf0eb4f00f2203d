// Output-stationary layers become what Gemmini's sp_tiled_matmul_os issues
// per tile, explicit moves and computes; the lowered module computes bit
// for bit what the tile ops compute (the layers of lower.mlir, with their
// tiles: several K tiles, padding, no bias, per-channel scales, a batch of
// B operands).
// RUN: tessel-opt %s --tessel-lower-to-gemmini | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(7); np.save('%t/a.npy', r.integers(-128, 128, (2, 40, 50)).astype(np.int8)); np.save('%t/b.npy', r.integers(-128, 128, (50, 30)).astype(np.int8)); np.save('%t/bias.npy', r.integers(-3000, 3000, 30).astype(np.int32))"
// RUN: tessel-opt %s --tessel-lower-to-gemmini -o %t/lowered.mlir
// RUN: tessel-run %t/lowered.mlir --compare %s --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy | FileCheck %s --check-prefix=BITS
// BITS: scaled: bit-identical (2400 elements)
// BITS: channels: bit-identical (2400 elements)
// BITS: raw: bit-identical (2400 elements)
// BITS: batched: bit-identical (3200 elements)

// 80 rows (the batch folded into a shared B) = 5 blocks of I, 30 columns =
// 2 blocks of J (2 padded), 50 = 4 blocks of K (14 padded); tiles (2, 1, 3).
// The configuration is tiled_matmul_outer's, the array output-stationary.
// CHECK-LABEL: gemmini.program @fc {
// CHECK-NEXT: gemmini.config_ex dataflow = os, activation = 1, a_stride = 1, c_stride = 1
// CHECK-NEXT: gemmini.config_st activation = 1, stride = 30, acc_scale = 6.250000e-02
// CHECK-NEXT: gemmini.config_ld pixel_repeats = 1, block_stride = 16, stride = 50
// CHECK-NEXT: gemmini.config_ld id = 1, pixel_repeats = 1, block_stride = 16, stride = 30
// CHECK-NEXT: gemmini.config_ld id = 2, pixel_repeats = 1, block_stride = 16
// First tile (i0 = j0 = k0 = 0): through load state 0, the bias row
// repeated (stride 0) into both C blocks, overwriting; B's three K blocks
// ending at the scratchpad's last row (16384 - 3 x 16 = 16336), 480 = 16 x
// 30 bytes apart; A's row blocks, all three K blocks in one move (48
// columns), 800 = 16 x 50 bytes apart.
// CHECK-NEXT: gemmini.config_ld pixel_repeats = 1, block_stride = 16
// CHECK-NEXT: gemmini.mvin dram = @fc_bias, local = acc[0], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvin dram = @fc_bias, local = acc[16], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.config_ld pixel_repeats = 1, block_stride = 16, stride = 30
// CHECK-NEXT: gemmini.mvin dram = @fc_b, local = spad[16336], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvin dram = @fc_b + 480, local = spad[16352], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvin dram = @fc_b + 960, local = spad[16368], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.config_ld pixel_repeats = 1, block_stride = 16, stride = 50
// CHECK-NEXT: gemmini.mvin dram = @fc_a, local = spad[0], local_cols = 48, local_rows = 16
// CHECK-NEXT: gemmini.mvin dram = @fc_a + 800, local = spad[48], local_cols = 48, local_rows = 16
// C block (0, 0) summed in the array over the tile's K blocks, written onto
// its bias by the last compute.
// CHECK-NEXT: gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = garbage, c_cols = 16, c_rows = 16
// CHECK-NEXT: gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = spad[16336], bd_cols = 16, bd_rows = 16
// CHECK-NEXT: gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = garbage, c_cols = 16, c_rows = 16
// CHECK-NEXT: gemmini.compute_accumulated a = spad[16], a_cols = 16, a_rows = 16, bd = spad[16352], bd_cols = 16, bd_rows = 16
// CHECK-NEXT: gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[0] accumulate, c_cols = 16, c_rows = 16
// CHECK-NEXT: gemmini.compute_accumulated a = spad[32], a_cols = 16, a_rows = 16, bd = spad[16368], bd_cols = 16, bd_rows = 16
// The second K tile: one block, 2 of its 16 rows (columns of A) real, no
// bias; the results then move out, through the store path's scale.
// CHECK: gemmini.mvin dram = @fc_b + 1440, local = spad[16368], local_cols = 16, local_rows = 2
// CHECK: gemmini.mvin dram = @fc_a + 48, local = spad[0], local_cols = 2, local_rows = 16
// CHECK: gemmini.compute_preloaded a = spad[0], a_cols = 2, a_rows = 16, bd = spad[16368], bd_cols = 16, bd_rows = 2
// CHECK: gemmini.mvout dram = @fc_c, local = acc[0] accumulate, local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvout dram = @fc_c + 480, local = acc[16] accumulate, local_cols = 16, local_rows = 16
// CHECK-NOT: loop_ws
// Without a bias the first K tile's last compute overwrites the block;
// the later ones accumulate onto it (int32 results: full).
// CHECK-LABEL: gemmini.program @layer {
// CHECK: gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[0] full, c_cols = 16, c_rows = 16
// CHECK: gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[0] accumulate full, c_cols = 16, c_rows = 16

func.func @main(%a: tensor<2x40x50xi8> {onnx.name = "a"}, %b: tensor<50x30xi8> {onnx.name = "b"},
                %bias: tensor<30xi32> {onnx.name = "bias"})
    -> (tensor<2x40x30xi8> {onnx.name = "scaled"}, tensor<2x40x30xi8> {onnx.name = "channels"},
        tensor<2x40x30xi32> {onnx.name = "raw"}, tensor<2x40x40xi32> {onnx.name = "batched"}) {
  %0 = tile.matmul %a, %b, %bias activation relu dataflow os {acc_scale = array<f32: 0.0625>, tiles = array<i64: 2, 1, 3>} : (tensor<2x40x50xi8>, tensor<50x30xi8>, tensor<30xi32>) -> tensor<2x40x30xi8> loc("fc")
  %1 = tile.matmul %a, %b, %bias activation relu dataflow os {acc_scale = array<f32: 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01, 0.011, 0.012, 0.013, 0.014, 0.015, 0.016, 0.017, 0.018, 0.019, 0.02, 0.021, 0.022, 0.023, 0.024, 0.025, 0.026, 0.027, 0.028, 0.029, 0.03>, tiles = array<i64: 5, 2, 4>} : (tensor<2x40x50xi8>, tensor<50x30xi8>, tensor<30xi32>) -> tensor<2x40x30xi8> loc("channels")
  %2 = tile.matmul %a, %b dataflow os {tiles = array<i64: 1, 1, 1>} : (tensor<2x40x50xi8>, tensor<50x30xi8>) -> tensor<2x40x30xi32>
  %at = nn.transpose %a {perm = array<i64: 0, 2, 1>} : (tensor<2x40x50xi8>) -> tensor<2x50x40xi8>
  %3 = tile.matmul %a, %at dataflow os {tiles = array<i64: 3, 2, 2>} : (tensor<2x40x50xi8>, tensor<2x50x40xi8>) -> tensor<2x40x40xi32>
  return %0, %1, %2, %3 : tensor<2x40x30xi8>, tensor<2x40x30xi8>, tensor<2x40x30xi32>, tensor<2x40x40xi32>
}
