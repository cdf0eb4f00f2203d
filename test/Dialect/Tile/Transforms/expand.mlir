// RUN: tessel-opt %s --split-input-file --tile-expand --verify-diagnostics | FileCheck %s

// 40 x 30 x 20 with 16 x 32 x 32 tiles on DIM 16: three row tiles, one
// column tile, one K tile. B has one tile (J0 * K0 = 1 <= 2), so the
// program keeps it in the scratchpad: one load, three products. A has three
// (I0 * K0 = 3), one load per product. The bias row is repeated over each
// tile's rows; the last tile has the remaining 8 rows.
// CHECK-LABEL: func.func @reuse
// CHECK: %[[C:.*]] = tile.dram {tile.tiles = array<i64: 1, 2, 2>} : tensor<40x20xi8>
// CHECK: %[[D0:.*]] = tile.load %arg2 [0, 0] broadcast : tensor<20xi32> -> tensor<16x20xi32, #tile.memory<acc>>
// CHECK: %[[A0:.*]] = tile.load %arg0 [0, 0] : tensor<40x30xi8> -> tensor<16x30xi8, #tile.memory<spad>>
// CHECK: %[[B:.*]] = tile.load %arg1 [0, 0] : tensor<30x20xi8> -> tensor<30x20xi8, #tile.memory<spad>>
// CHECK: %[[P0:.*]] = tile.compute %[[A0]], %[[B]], %[[D0]]
// CHECK: %[[C0:.*]] = tile.store %[[P0]] into %[[C]] [0, 0] activation relu {acc_scale = 2.500000e-01 : f32}
// CHECK: %[[D1:.*]] = tile.load %arg2 [0, 0] broadcast
// CHECK: %[[A1:.*]] = tile.load %arg0 [16, 0]
// CHECK-NOT: tile.load %arg1
// CHECK: %[[P1:.*]] = tile.compute %[[A1]], %[[B]], %[[D1]]
// CHECK: %[[C1:.*]] = tile.store %[[P1]] into %[[C0]] [16, 0]
// CHECK: tile.load %arg2 [0, 0] broadcast : tensor<20xi32> -> tensor<8x20xi32, #tile.memory<acc>>
// CHECK: tile.load %arg0 [32, 0] : tensor<40x30xi8> -> tensor<8x30xi8, #tile.memory<spad>>
// CHECK-NOT: tile.load %arg1
// CHECK: tile.compute %{{.*}}, %[[B]]
// CHECK: %[[C2:.*]] = tile.store %{{.*}} into %[[C1]] [32, 0]
// CHECK: return %[[C2]]
func.func @reuse(%a: tensor<40x30xi8>, %b: tensor<30x20xi8>, %bias: tensor<20xi32>) -> tensor<40x20xi8> {
  %0 = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.25>, tiles = array<i64: 1, 2, 2>} : (tensor<40x30xi8>, tensor<30x20xi8>, tensor<20xi32>) -> tensor<40x20xi8>
  return %0 : tensor<40x20xi8>
}

// -----

// Two batch elements, each with its own b and bias row: element 1's rows
// of a and of the result start at 20, its rows of b at 30, its bias at
// row 1. Without a scale the accumulators are stored raw.
// CHECK-LABEL: func.func @batched
// CHECK: tile.load %arg2 [0, 0] broadcast : tensor<2x16xi32> -> tensor<20x16xi32, #tile.memory<acc>>
// CHECK: tile.load %arg0 [0, 0] : tensor<2x20x30xi8> -> tensor<20x30xi8, #tile.memory<spad>>
// CHECK: tile.load %arg1 [0, 0] : tensor<2x30x16xi8> -> tensor<30x16xi8, #tile.memory<spad>>
// CHECK: tile.store %{{.*}} into %{{.*}} [0, 0] : tensor<20x16xi32, #tile.memory<acc>> into tensor<2x20x16xi32>
// CHECK: tile.load %arg2 [1, 0] broadcast
// CHECK: tile.load %arg0 [20, 0]
// CHECK: tile.load %arg1 [30, 0]
// CHECK: tile.store %{{.*}} into %{{.*}} [20, 0]
func.func @batched(%a: tensor<2x20x30xi8>, %b: tensor<2x30x16xi8>, %bias: tensor<2x16xi32>) -> tensor<2x20x16xi32> {
  %0 = tile.matmul %a, %b, %bias {tiles = array<i64: 2, 1, 2>} : (tensor<2x20x30xi8>, tensor<2x30x16xi8>, tensor<2x16xi32>) -> tensor<2x20x16xi32>
  return %0 : tensor<2x20x16xi32>
}

// -----

// K split in two tiles: the second product accumulates onto the first, and
// only the last is stored. A bias per result element loads its own tile,
// not a repeated row.
// CHECK-LABEL: func.func @full_bias
// CHECK: %[[D:.*]] = tile.load %arg2 [0, 16] : tensor<20x24xi32> -> tensor<16x8xi32, #tile.memory<acc>>
// CHECK: %[[P:.*]] = tile.compute %{{.*}}, %{{.*}}, %[[D]] : (tensor<16x16xi8, #tile.memory<spad>>, tensor<16x8xi8, #tile.memory<spad>>, tensor<16x8xi32, #tile.memory<acc>>)
// CHECK-NOT: tile.store
// CHECK: tile.load %arg0 [0, 16] : tensor<20x20xi8> -> tensor<16x4xi8, #tile.memory<spad>>
// CHECK: tile.load %arg1 [16, 16] : tensor<20x24xi8> -> tensor<4x8xi8, #tile.memory<spad>>
// CHECK: %[[Q:.*]] = tile.compute %{{.*}}, %{{.*}}, %[[P]]
// CHECK: tile.store %[[Q]] into %{{.*}} [0, 16]
func.func @full_bias(%a: tensor<20x20xi8>, %b: tensor<20x24xi8>, %bias: tensor<20x24xi32>) -> tensor<20x24xi32> {
  %0 = tile.matmul %a, %b, %bias {tiles = array<i64: 1, 1, 1>} : (tensor<20x20xi8>, tensor<20x24xi8>, tensor<20x24xi32>) -> tensor<20x24xi32>
  return %0 : tensor<20x24xi32>
}

// -----

// Per-column scales: the array stores its int32 accumulators and the host
// requantizes them, as the lowering does. The dataflow goes to the product.
// CHECK-LABEL: func.func @channels
// CHECK: %[[C:.*]] = tile.dram {{.*}} : tensor<16x2xi32>
// CHECK: tile.compute %{{.*}}, %{{.*}} dataflow os
// CHECK: %[[R:.*]] = tile.store %{{.*}} into %[[C]] [0, 0] : tensor<16x2xi32, #tile.memory<acc>> into tensor<16x2xi32>
// CHECK: tile.requantize %[[R]] {acc_scale = array<f32: 5.000000e-01, 2.500000e-01>, axis = 1 : i64} : tensor<16x2xi32> -> tensor<16x2xi8>
func.func @channels(%a: tensor<16x16xi8>, %b: tensor<16x2xi8>) -> tensor<16x2xi8> {
  %0 = tile.matmul %a, %b dataflow os {acc_scale = array<f32: 0.5, 0.25>, tiles = array<i64: 1, 1, 1>} : (tensor<16x16xi8>, tensor<16x2xi8>) -> tensor<16x2xi8>
  return %0 : tensor<16x2xi8>
}

// -----

func.func @untiled(%a: tensor<16x16xi8>, %b: tensor<16x2xi8>) -> tensor<16x2xi32> {
  // expected-error @+1 {{has no tiles: run --tessel-tile first}}
  %0 = tile.matmul %a, %b : (tensor<16x16xi8>, tensor<16x2xi8>) -> tensor<16x2xi32>
  return %0 : tensor<16x2xi32>
}
