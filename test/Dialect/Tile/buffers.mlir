// RUN: tessel-opt %s | FileCheck %s
// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// RUN: tessel-opt %s --mlir-print-op-generic | tessel-opt | FileCheck %s

// The explicit tiled form: a DRAM region, loads into the scratchpad and
// the accumulator (a bias row broadcast), products with and without an
// accumulator operand, stores with and without the store path's scale.
// CHECK-LABEL: func.func @tiles
func.func @tiles(%x: tensor<2x20x40xi8>, %w: tensor<40x24xi8>, %bias: tensor<24xi32>)
    -> (tensor<2x20x24xi8>, tensor<40x24xi32>) {
  // CHECK: %[[C:.*]] = tile.dram : tensor<2x20x24xi8>
  %c = tile.dram : tensor<2x20x24xi8>
  // CHECK: %[[A:.*]] = tile.load %{{.*}} [16, 8] : tensor<2x20x40xi8> -> tensor<16x32xi8, #tile.memory<spad>>
  %a = tile.load %x [16, 8] : tensor<2x20x40xi8> -> tensor<16x32xi8, #tile.memory<spad>>
  // CHECK: %[[B:.*]] = tile.load %{{.*}} [8, 0] : tensor<40x24xi8> -> tensor<32x24xi8, #tile.memory<spad>>
  %b = tile.load %w [8, 0] : tensor<40x24xi8> -> tensor<32x24xi8, #tile.memory<spad>>
  // CHECK: %[[D:.*]] = tile.load %{{.*}} [0, 0] broadcast : tensor<24xi32> -> tensor<16x24xi32, #tile.memory<acc>>
  %d = tile.load %bias [0, 0] broadcast : tensor<24xi32> -> tensor<16x24xi32, #tile.memory<acc>>
  // CHECK: %[[P:.*]] = tile.compute %[[A]], %[[B]], %[[D]] : (tensor<16x32xi8, #tile.memory<spad>>, tensor<32x24xi8, #tile.memory<spad>>, tensor<16x24xi32, #tile.memory<acc>>) -> tensor<16x24xi32, #tile.memory<acc>>
  %p = tile.compute %a, %b, %d : (tensor<16x32xi8, #tile.memory<spad>>, tensor<32x24xi8, #tile.memory<spad>>, tensor<16x24xi32, #tile.memory<acc>>) -> tensor<16x24xi32, #tile.memory<acc>>
  // CHECK: %[[Q:.*]] = tile.compute %[[A]], %[[B]] dataflow os : (tensor<16x32xi8, #tile.memory<spad>>, tensor<32x24xi8, #tile.memory<spad>>) -> tensor<16x24xi32, #tile.memory<acc>>
  %q = tile.compute %a, %b dataflow os : (tensor<16x32xi8, #tile.memory<spad>>, tensor<32x24xi8, #tile.memory<spad>>) -> tensor<16x24xi32, #tile.memory<acc>>
  // CHECK: tile.store %[[P]] into %[[C]] [24, 0] activation relu {acc_scale = 1.250000e-01 : f32} : tensor<16x24xi32, #tile.memory<acc>> into tensor<2x20x24xi8>
  %c1 = tile.store %p into %c [24, 0] activation relu {acc_scale = 0.125 : f32} : tensor<16x24xi32, #tile.memory<acc>> into tensor<2x20x24xi8>
  %r = tile.dram : tensor<40x24xi32>
  // CHECK: tile.store %[[Q]] into %{{.*}} [0, 0] : tensor<16x24xi32, #tile.memory<acc>> into tensor<40x24xi32>
  %r1 = tile.store %q into %r [0, 0] : tensor<16x24xi32, #tile.memory<acc>> into tensor<40x24xi32>
  return %c1, %r1 : tensor<2x20x24xi8>, tensor<40x24xi32>
}
