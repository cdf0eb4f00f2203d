// RUN: tessel-opt %s --split-input-file --tile-expand --tessel-lower-to-gemmini --verify-diagnostics | FileCheck %s

// 40 x 30 x 20 with 16 x 32 x 32 tiles (see expand.mlir): the bias row
// into the accumulator through load state 2 with row stride 0, one DIM
// column block per mvin3 (max_block_len_acc 1): 16 + 4 columns, 32
// accumulator rows. A's 16 x 30 tile in one mvin (up to 4 blocks of 16
// columns), 2 blocks = 32 scratchpad rows from row 0; B's 30 x 20 tile,
// 2 x 2 blocks, from row 32, its second row of blocks (rows 16..29, 320
// bytes into B) at 32 + 2 x 16 = 64. The four block products accumulate
// onto the bias; the store path's scale and ReLU move C out, C's row
// stride 20 bytes. The next tile's bias and A go on round the memories
// (acc row 32, scratchpad row 96); B stays where it is.
// CHECK: gemmini.segment @layer_bias : inputs, base 4096, size 80, type tensor<20xi32>
// CHECK: gemmini.segment @layer_a : inputs, base 4224, size 1200, type tensor<40x30xi8>
// CHECK: gemmini.segment @layer_b : inputs, base 5440, size 600, type tensor<30x20xi8>
// CHECK: gemmini.segment @layer_c : outputs, base 6080, size 800, type tensor<40x20xi8>
// CHECK-LABEL: gemmini.program @layer
// CHECK-NEXT: gemmini.config_ld id = 2, pixel_repeats = 1, block_stride = 16
// CHECK-NOT: stride =
// CHECK-NEXT: gemmini.mvin3 dram = @layer_bias, local = acc[0], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvin3 dram = @layer_bias + 64, local = acc[16], local_cols = 4, local_rows = 16
// CHECK-NEXT: gemmini.config_ld pixel_repeats = 1, block_stride = 16, stride = 30
// CHECK-NEXT: gemmini.mvin dram = @layer_a, local = spad[0], local_cols = 30, local_rows = 16
// CHECK-NEXT: gemmini.config_ld id = 1, pixel_repeats = 1, block_stride = 16, stride = 20
// CHECK-NEXT: gemmini.mvin2 dram = @layer_b, local = spad[32], local_cols = 20, local_rows = 16
// CHECK-NEXT: gemmini.mvin2 dram = @layer_b + 320, local = spad[64], local_cols = 20, local_rows = 14
// CHECK-NEXT: gemmini.config_ex dataflow = ws, a_stride = 1, c_stride = 1
// CHECK-NEXT: gemmini.preload bd = spad[32], bd_cols = 16, bd_rows = 16, c = acc[0] accumulate, c_cols = 16, c_rows = 16
// CHECK-NEXT: gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage
// CHECK-NEXT: gemmini.preload bd = spad[48], bd_cols = 4, bd_rows = 16, c = acc[16] accumulate, c_cols = 4, c_rows = 16
// CHECK-NEXT: gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16
// CHECK-NEXT: gemmini.preload bd = spad[64], bd_cols = 16, bd_rows = 14, c = acc[0] accumulate
// CHECK-NEXT: gemmini.compute_preloaded a = spad[16], a_cols = 14, a_rows = 16
// CHECK-NEXT: gemmini.preload bd = spad[80], bd_cols = 4, bd_rows = 14, c = acc[16] accumulate
// CHECK-NEXT: gemmini.compute_preloaded a = spad[16], a_cols = 14, a_rows = 16
// CHECK-NEXT: gemmini.config_st activation = 1, stride = 20, acc_scale = 2.500000e-01
// CHECK-NEXT: gemmini.mvout dram = @layer_c, local = acc[0], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvout dram = @layer_c + 16, local = acc[16], local_cols = 4, local_rows = 16
// CHECK-NEXT: gemmini.mvin3 dram = @layer_bias, local = acc[32], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvin3 dram = @layer_bias + 64, local = acc[48]
// CHECK-NEXT: gemmini.mvin dram = @layer_a + 480, local = spad[96], local_cols = 30, local_rows = 16
// CHECK-NEXT: gemmini.preload bd = spad[32], {{.*}} c = acc[32] accumulate
// CHECK: gemmini.mvout dram = @layer_c + 640, local = acc[64], local_cols = 16, local_rows = 8
// CHECK-NEXT: gemmini.mvout dram = @layer_c + 656, local = acc[80], local_cols = 4, local_rows = 8
// CHECK-NEXT: }
// CHECK: gemmini.call @layer(@layer_bias = %arg2 : tensor<20xi32>, @layer_a = %arg0 : tensor<40x30xi8>, @layer_b = %arg1 : tensor<30x20xi8>) -> (@layer_c : tensor<40x20xi8>) {tile.tiles = array<i64: 1, 2, 2>}
// CHECK-NOT: tile.
func.func @reuse(%a: tensor<40x30xi8>, %b: tensor<30x20xi8>, %bias: tensor<20xi32>) -> tensor<40x20xi8> {
  %0 = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.25>, tiles = array<i64: 1, 2, 2>} : (tensor<40x30xi8>, tensor<30x20xi8>, tensor<20xi32>) -> tensor<40x20xi8>
  return %0 : tensor<40x20xi8>
}

// -----

// Output-stationary without a bias, int32 results: each C block stays in
// the array over K (two blocks), its last product overwrites the
// accumulator, and C moves out raw (full).
// CHECK-LABEL: gemmini.program @layer
// CHECK: gemmini.config_ex dataflow = os
// CHECK-NEXT: gemmini.preload bd = garbage, {{.*}} c = garbage
// CHECK-NEXT: gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = spad[32], bd_cols = 16, bd_rows = 16
// CHECK-NEXT: gemmini.preload bd = garbage, {{.*}} c = acc[0], c_cols = 16, c_rows = 16
// CHECK-NEXT: gemmini.compute_accumulated a = spad[16], a_cols = 16, a_rows = 16, bd = spad[48], bd_cols = 16, bd_rows = 16
// CHECK-NEXT: gemmini.config_st stride = 64
// CHECK-NEXT: gemmini.mvout dram = @layer_c, local = acc[0] full, local_cols = 16, local_rows = 16
func.func @os(%a: tensor<16x32xi8>, %b: tensor<32x16xi8>) -> tensor<16x16xi32> {
  %0 = tile.matmul %a, %b dataflow os {tiles = array<i64: 1, 1, 2>} : (tensor<16x32xi8>, tensor<32x16xi8>) -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

// 64 scratchpad rows: A's tile takes 32, B's needs 64 more.
module attributes {gemmini.target = #gemmini.target<spad_bank_rows = 16>} {
  func.func @full(%a: tensor<16x32xi8>, %b: tensor<32x32xi8>) -> tensor<16x32xi32> {
    // expected-error @+1 {{needs 64 more scratchpad rows with 32 of the target's 64 in use: the layer's buffers do not fit on chip together}}
    %0 = tile.matmul %a, %b {tiles = array<i64: 1, 2, 2>} : (tensor<16x32xi8>, tensor<32x32xi8>) -> tensor<16x32xi32>
    return %0 : tensor<16x32xi32>
  }
}

// -----

// 1024 accumulator rows: one buffer of 1040 rows is refused before any is
// placed.
func.func @huge(%x: tensor<1040x16xi32>) -> tensor<1040x16xi32> {
  %c = tile.dram : tensor<1040x16xi32>
  // expected-error @+1 {{needs a buffer of 'tensor<1040x16xi32, #tile.memory<acc>>', more than the target's 1024 accumulator rows}}
  %d = tile.load %x [0, 0] : tensor<1040x16xi32> -> tensor<1040x16xi32, #tile.memory<acc>>
  %c1 = tile.store %d into %c [0, 0] : tensor<1040x16xi32, #tile.memory<acc>> into tensor<1040x16xi32>
  return %c1 : tensor<1040x16xi32>
}

// -----

module attributes {gemmini.target = #gemmini.target<dataflows = "ws">} {
  func.func @ws_only(%a: tensor<16x16xi8>, %b: tensor<16x16xi8>) -> tensor<16x16xi32> {
    // expected-error @+1 {{is output-stationary, which the target's array does not run}}
    %0 = tile.matmul %a, %b dataflow os {tiles = array<i64: 1, 1, 1>} : (tensor<16x16xi8>, tensor<16x16xi8>) -> tensor<16x16xi32>
    return %0 : tensor<16x16xi32>
  }
}

// -----

func.func @twice(%x: tensor<16x16xi8>) -> (tensor<16x16xi32>, tensor<16x16xi32>) {
  %c = tile.dram : tensor<16x16xi32>
  %a = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %p = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  // expected-error @+1 {{accumulates onto a buffer that is read again later: a product adds to its accumulator in place}}
  %q = tile.compute %a, %a, %p : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi32, #tile.memory<acc>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %c1 = tile.store %p into %c [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  %c2 = tile.store %q into %c1 [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  return %c2, %c2 : tensor<16x16xi32>, tensor<16x16xi32>
}

// -----

func.func @outside(%x: tensor<16x16xi8>, %y: tensor<16x16xi32>) -> tensor<16x16xi32> {
  %a = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %p = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  // expected-error @+1 {{reads 'tensor<16x16xi32>' from outside the explicit tiled form: a store writes into a tile.dram, a product reads buffers}}
  %c = tile.store %p into %y [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  return %c : tensor<16x16xi32>
}

// -----

func.func @shared(%x: tensor<16x16xi8>) -> (tensor<16x16xi32>, tensor<16x16xi32>) {
  %c = tile.dram : tensor<16x16xi32>
  %d = tile.dram : tensor<16x16xi32>
  %a = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %p = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %c1 = tile.store %p into %c [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  // expected-error @+1 {{reads a buffer or partial result of a layer in the explicit tiled form, which only that layer's program holds}}
  %d1 = tile.store %p into %d [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  return %c1, %d1 : tensor<16x16xi32>, tensor<16x16xi32>
}

// -----

// A partial result returned to the host: only the last store's region
// leaves the program.
func.func @partial(%x: tensor<16x16xi8>) -> (tensor<32x16xi32>, tensor<32x16xi32>) {
  %c = tile.dram : tensor<32x16xi32>
  %a = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %p = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %q = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %c1 = tile.store %p into %c [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<32x16xi32>
  %c2 = tile.store %q into %c1 [16, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<32x16xi32>
  // expected-error @+1 {{reads a buffer or partial result of a layer in the explicit tiled form, which only that layer's program holds}}
  return %c1, %c2 : tensor<32x16xi32>, tensor<32x16xi32>
}

// -----

// A layer reading back what it stored.
func.func @reload(%x: tensor<16x16xi8>) -> tensor<32x16xi8> {
  %c = tile.dram : tensor<32x16xi8>
  %a = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %p = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %c1 = tile.store %p into %c [0, 0] {acc_scale = 1.0 : f32} : tensor<16x16xi32, #tile.memory<acc>> into tensor<32x16xi8>
  // expected-error @+1 {{loads from a region the explicit tiled form writes: a layer's program reads only what its caller passes it}}
  %b = tile.load %c1 [0, 0] : tensor<32x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %q = tile.compute %a, %b : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %c2 = tile.store %q into %c1 [16, 0] {acc_scale = 1.0 : f32} : tensor<16x16xi32, #tile.memory<acc>> into tensor<32x16xi8>
  return %c2 : tensor<32x16xi8>
}

// -----

// A hand-written layer: a bias tile moved in and straight out, and a
// product stored beside it; two K tiles of A read from one load.
// CHECK-LABEL: gemmini.program @layer
// CHECK: gemmini.mvin3 dram = @layer_bias, local = acc[0], local_cols = 16, local_rows = 16
// CHECK: gemmini.mvout dram = @layer_c, local = acc[0] full, local_cols = 16, local_rows = 16
// CHECK: gemmini.mvin dram = @layer_a, local = spad[0], local_cols = 16, local_rows = 16
// CHECK: gemmini.preload bd = spad[0], bd_cols = 16, bd_rows = 16, c = acc[16], c_cols = 16, c_rows = 16
// CHECK-NEXT: gemmini.compute_preloaded a = spad[0]
// CHECK: gemmini.mvout dram = @layer_c + 1024, local = acc[16] full
func.func @handwritten(%x: tensor<16x16xi8>, %bias: tensor<16x16xi32>) -> tensor<32x16xi32> {
  %c = tile.dram : tensor<32x16xi32>
  %d = tile.load %bias [0, 0] : tensor<16x16xi32> -> tensor<16x16xi32, #tile.memory<acc>>
  %c1 = tile.store %d into %c [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<32x16xi32>
  %a = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %p = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %c2 = tile.store %p into %c1 [16, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<32x16xi32>
  return %c2 : tensor<32x16xi32>
}

// -----

// Two layers reading the same tile of %x: after CSE one load feeds both.
// Each program moves it in itself.
// CHECK-LABEL: gemmini.program @layer
// CHECK: gemmini.mvin dram = @layer_a, local = spad[0]
// CHECK-LABEL: gemmini.program @layer_1
// CHECK: gemmini.mvin dram = @layer_1_a, local = spad[0]
// CHECK-LABEL: func.func @shared_load
// CHECK-COUNT-2: gemmini.call
// CHECK-NOT: tile.
func.func @shared_load(%x: tensor<16x16xi8>) -> (tensor<16x16xi32>, tensor<16x16xi32>) {
  %c = tile.dram : tensor<16x16xi32>
  %d = tile.dram : tensor<16x16xi32>
  %a = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  %p = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %c1 = tile.store %p into %c [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  %q = tile.compute %a, %a : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  %d1 = tile.store %q into %d [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  return %c1, %d1 : tensor<16x16xi32>, tensor<16x16xi32>
}
