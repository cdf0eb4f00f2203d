// Each tiled layer becomes a program of loop_ws tiles and a call; the
// lowered module computes bit for bit what the tile ops compute.
// RUN: tessel-opt %s --tessel-lower-to-gemmini | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(5); np.save('%t/a.npy', r.integers(-128, 128, (2, 40, 50)).astype(np.int8)); np.save('%t/b.npy', r.integers(-128, 128, (50, 30)).astype(np.int8)); np.save('%t/bias.npy', r.integers(-3000, 3000, 30).astype(np.int32))"
// RUN: tessel-run %s --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy --output-dir %t/ref
// RUN: tessel-opt %s --tessel-lower-to-gemmini -o %t/lowered.mlir
// RUN: tessel-run %t/lowered.mlir --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy --output-dir %t/low
// RUN: %python -c "import numpy as np; [(lambda r, l: (r.dtype == l.dtype and (r == l).all()) or exit('differs: ' + n))(np.load('%t/ref/' + n + '.npy'), np.load('%t/low/' + n + '.npy')) for n in ('scaled', 'channels', 'raw', 'batched')]; print('bit-identical')" | FileCheck %s --check-prefix=SAME
// SAME: bit-identical
// The explicit instructions compute the same, bit for bit.
// RUN: tessel-opt %s --tessel-lower-to-gemmini="explicit=true" -o %t/explicit.mlir
// RUN: FileCheck %s --check-prefix=EXPLICIT --input-file=%t/explicit.mlir
// RUN: tessel-run %t/explicit.mlir --compare %s --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy | FileCheck %s --check-prefix=BITS
// BITS: scaled: bit-identical (2400 elements)
// BITS: channels: bit-identical (2400 elements)
// BITS: raw: bit-identical (2400 elements)
// BITS: batched: bit-identical (3200 elements)
// The first tile: the bias into both C blocks (rows 0-15 and 16-31), then
// the first K block: A's block (0, 0) from scratchpad row 0, B's block
// (0, 0) ending at the middle row (8192 - 3 x 16 = 8144), new weights for
// i = 0, the same weights for i = 1 (A's row block 1 is 800 = 16 x 50
// bytes on), accumulating onto the bias.
// EXPLICIT-LABEL: gemmini.program @fc {
// EXPLICIT: gemmini.config_ld id = 2, pixel_repeats = 1, block_stride = 16
// EXPLICIT-NEXT: gemmini.mvin3 dram = @fc_bias, local = acc[0], local_cols = 16, local_rows = 16
// EXPLICIT-NEXT: gemmini.mvin3 dram = @fc_bias, local = acc[16], local_cols = 16, local_rows = 16
// EXPLICIT-NEXT: gemmini.mvin dram = @fc_a, local = spad[0], local_cols = 16, local_rows = 16
// EXPLICIT-NEXT: gemmini.mvin2 dram = @fc_b, local = spad[8144], local_cols = 16, local_rows = 16
// EXPLICIT-NEXT: gemmini.preload bd = spad[8144], bd_cols = 16, bd_rows = 16, c = acc[0] accumulate, c_cols = 16, c_rows = 16
// EXPLICIT-NEXT: gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
// EXPLICIT-NEXT: gemmini.mvin dram = @fc_a + 800, local = spad[48], local_cols = 16, local_rows = 16
// EXPLICIT-NEXT: gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[16] accumulate, c_cols = 16, c_rows = 16
// EXPLICIT-NEXT: gemmini.compute_accumulated a = spad[48], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
// The last K tile moves the int8 results out (column block 0, 14 of K's
// 16 columns padded).
// EXPLICIT: gemmini.mvin dram = @fc_a + 48, local = spad[0], local_cols = 2, local_rows = 16
// EXPLICIT: gemmini.mvout dram = @fc_c, local = acc[0], local_cols = 16, local_rows = 16
// EXPLICIT-NOT: loop_ws
// The batched product's A stays in the scratchpad (see below): its second
// K tile lands in the upper half, and after the first column of output
// tiles no A moves until the next batch element's.
// EXPLICIT-LABEL: gemmini.program @layer_1 {
// EXPLICIT: gemmini.mvin dram = @layer_1_a + 32, local = spad[8192], local_cols = 16, local_rows = 16
// EXPLICIT: gemmini.mvin dram = @layer_1_a + 1648, local = spad[8272], local_cols = 2, local_rows = 8
// EXPLICIT-NOT: gemmini.mvin dram = @layer_1_a
// EXPLICIT: gemmini.mvin dram = @layer_1_a + 2000, local = spad[0], local_cols = 16, local_rows = 16

// The plan: one segment per operand, consecutive and 64-byte aligned.
// CHECK-DAG: gemmini.segment @fc_a : inputs, base 4096, size 4000, type tensor<2x40x50xi8>
// CHECK-DAG: gemmini.segment @fc_b : weights, base 8128, size 1500, type tensor<50x30xi8>
// CHECK-DAG: gemmini.segment @fc_bias : weights, base 9664, size 120, type tensor<30xi32>
// CHECK-DAG: gemmini.segment @fc_c : outputs, base 9792, size 2400, type tensor<2x40x30xi8>
// 80 rows = 5 blocks of I, 30 columns = 2 blocks of J (2 padded), 50 = 4
// blocks of K (14 padded); tiles (2, 1, 3): 3 x 2 x 2 loop_ws.
// CHECK-LABEL: gemmini.program @fc {
// CHECK-NEXT: gemmini.config_ex dataflow = ws, activation = 1, a_stride = 1, c_stride = 1
// CHECK-NEXT: gemmini.config_st activation = 1, stride = 30, acc_scale = 6.250000e-02
// CHECK-NEXT: gemmini.config_ld pixel_repeats = 1, block_stride = 16, stride = 50
// CHECK-NEXT: gemmini.config_ld id = 1, pixel_repeats = 1, block_stride = 16, stride = 30
// CHECK-NEXT: gemmini.config_ld id = 2, pixel_repeats = 1, block_stride = 16
// First tile: i0 = j0 = k0 = 0, the bias moved in, nothing out yet.
// CHECK-NEXT: gemmini.loop_ws_config_bounds i = 2, j = 1, k = 3
// CHECK-NEXT: gemmini.loop_ws_config_addrs_ab a = @fc_a, b = @fc_b
// CHECK-NEXT: gemmini.loop_ws_config_addrs_dc d = @fc_bias, c = zeros
// CHECK-NEXT: gemmini.loop_ws_config_strides_ab a_stride = 50, b_stride = 30
// CHECK-NEXT: gemmini.loop_ws_config_strides_dc c_stride = 30
// CHECK-NEXT: gemmini.loop_ws ex_accumulate = true, activation = 1
// Its second K tile: one block (14 padded), from column 48, out to C.
// CHECK-NEXT: gemmini.loop_ws_config_bounds pad_k = 14, i = 2, j = 1, k = 1
// CHECK-NEXT: gemmini.loop_ws_config_addrs_ab a = @fc_a + 48, b = @fc_b + 1440
// CHECK-NEXT: gemmini.loop_ws_config_addrs_dc d = zeros, c = @fc_c
// The last tile: i0 = 2 (one block), j0 = 1 (2 padded), k0 = 1.
// CHECK: gemmini.loop_ws_config_bounds pad_j = 2, pad_k = 14, i = 1, j = 1, k = 1
// CHECK-NEXT: gemmini.loop_ws_config_addrs_ab a = @fc_a + 3248, b = @fc_b + 1456
// CHECK-NEXT: gemmini.loop_ws_config_addrs_dc d = zeros, c = @fc_c + 1936
// The batched product (tiles 3, 2, 2: one row of output tiles, two K
// tiles) keeps A in the scratchpad between loops, as gemmini.h does: the
// first K tile in the lower half (a_spad_id 1), the second in the upper (2),
// and the second column of output tiles moves none (address 0).
// CHECK-LABEL: gemmini.program @layer_1 {
// CHECK: gemmini.loop_ws_config_addrs_ab a = @layer_1_a, b = @layer_1_b
// CHECK: gemmini.loop_ws full_c = true, a_spad_id = 1
// CHECK: gemmini.loop_ws_config_addrs_ab a = @layer_1_a + 32, b = @layer_1_b + 1280
// CHECK: gemmini.loop_ws ex_accumulate = true, full_c = true, a_spad_id = 2
// CHECK-NEXT: gemmini.loop_ws_config_bounds pad_i = 8, pad_j = 8, i = 3, j = 1, k = 2
// CHECK-NEXT: gemmini.loop_ws_config_addrs_ab a = zeros, b = @layer_1_b + 32
// CHECK: gemmini.loop_ws full_c = true, a_spad_id = 1
// CHECK-NEXT: gemmini.loop_ws_config_bounds pad_i = 8, pad_j = 8, pad_k = 14, i = 3, j = 1, k = 2
// CHECK-NEXT: gemmini.loop_ws_config_addrs_ab a = zeros, b = @layer_1_b + 1312
// CHECK-LABEL: func.func @main
// CHECK: gemmini.call @fc(@fc_a = %arg0 : tensor<2x40x50xi8>, @fc_b = %arg1 : tensor<50x30xi8>, @fc_bias = %arg2 : tensor<30xi32>) -> (@fc_c : tensor<2x40x30xi8>) {tile.tiles = array<i64: 2, 1, 3>}
// Per-channel scales: the array writes int32, the host requantizes.
// CHECK: %[[ACC:.*]] = gemmini.call @channels({{.*}}) -> (@channels_c : tensor<2x40x30xi32>)
// CHECK: tile.requantize %[[ACC]] activation relu {acc_scale = array<f32: {{.*}}>, axis = 2 : i64} : tensor<2x40x30xi32> -> tensor<2x40x30xi8>
// CHECK-NOT: tile.matmul

func.func @main(%a: tensor<2x40x50xi8> {onnx.name = "a"}, %b: tensor<50x30xi8> {onnx.name = "b"},
                %bias: tensor<30xi32> {onnx.name = "bias"})
    -> (tensor<2x40x30xi8> {onnx.name = "scaled"}, tensor<2x40x30xi8> {onnx.name = "channels"},
        tensor<2x40x30xi32> {onnx.name = "raw"}, tensor<2x40x40xi32> {onnx.name = "batched"}) {
  %0 = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.0625>, tiles = array<i64: 2, 1, 3>} : (tensor<2x40x50xi8>, tensor<50x30xi8>, tensor<30xi32>) -> tensor<2x40x30xi8> loc("fc")
  %1 = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01, 0.011, 0.012, 0.013, 0.014, 0.015, 0.016, 0.017, 0.018, 0.019, 0.02, 0.021, 0.022, 0.023, 0.024, 0.025, 0.026, 0.027, 0.028, 0.029, 0.03>, tiles = array<i64: 5, 2, 4>} : (tensor<2x40x50xi8>, tensor<50x30xi8>, tensor<30xi32>) -> tensor<2x40x30xi8> loc("channels")
  %2 = tile.matmul %a, %b {tiles = array<i64: 1, 1, 1>} : (tensor<2x40x50xi8>, tensor<50x30xi8>) -> tensor<2x40x30xi32>
  %at = nn.transpose %a {perm = array<i64: 0, 2, 1>} : (tensor<2x40x50xi8>) -> tensor<2x50x40xi8>
  %3 = tile.matmul %a, %at {tiles = array<i64: 3, 2, 2>} : (tensor<2x40x50xi8>, tensor<2x50x40xi8>) -> tensor<2x40x40xi32>
  return %0, %1, %2, %3 : tensor<2x40x30xi8>, tensor<2x40x30xi8>, tensor<2x40x30xi32>, tensor<2x40x40xi32>
}
