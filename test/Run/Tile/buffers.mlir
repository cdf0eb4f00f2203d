// The explicit tiled form's semantics against NumPy written from the ops'
// definitions: windows of a DRAM tensor's matrix view (every dimension but
// the last folded into rows), a bias row repeated, products accumulated in
// int32, stores raw or through Gemmini's store path
// act(sat8(rne(float32(acc) * scale))). Run in the interpreter, and
// lowered to a program run in the simulator.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %s.py inputs %t
// RUN: tessel-run %s --input x=%t/x.npy --input w=%t/w.npy --input bias=%t/bias.npy --output-dir %t/interp
// RUN: tessel-opt %s --tessel-lower-to-gemmini -o %t/lowered.mlir
// RUN: tessel-run %t/lowered.mlir --input x=%t/x.npy --input w=%t/w.npy --input bias=%t/bias.npy --output-dir %t/lowered
// RUN: %python %s.py check %t interp lowered | FileCheck %s
// CHECK: interp raw ok
// CHECK: interp scaled ok
// CHECK: lowered raw ok
// CHECK: lowered scaled ok

func.func @main(%x: tensor<2x20x40xi8> {onnx.name = "x"}, %w: tensor<40x24xi8> {onnx.name = "w"},
                %bias: tensor<24xi32> {onnx.name = "bias"})
    -> (tensor<16x24xi32> {onnx.name = "raw"}, tensor<2x20x24xi8> {onnx.name = "scaled"}) {
  // raw = x's rows 16..31 (batch element 0's last four, element 1's first
  // twelve), columns 8..39, times w's rows 8..39, plus w's rows 0..7 times
  // x's columns 0..7 of the same rows: the whole row sum in two products.
  %r = tile.dram : tensor<16x24xi32>
  %a1 = tile.load %x [16, 8] : tensor<2x20x40xi8> -> tensor<16x32xi8, #tile.memory<spad>>
  %b1 = tile.load %w [8, 0] : tensor<40x24xi8> -> tensor<32x24xi8, #tile.memory<spad>>
  %p1 = tile.compute %a1, %b1 : (tensor<16x32xi8, #tile.memory<spad>>, tensor<32x24xi8, #tile.memory<spad>>) -> tensor<16x24xi32, #tile.memory<acc>>
  %a0 = tile.load %x [16, 0] : tensor<2x20x40xi8> -> tensor<16x8xi8, #tile.memory<spad>>
  %b0 = tile.load %w [0, 0] : tensor<40x24xi8> -> tensor<8x24xi8, #tile.memory<spad>>
  %p2 = tile.compute %a0, %b0, %p1 : (tensor<16x8xi8, #tile.memory<spad>>, tensor<8x24xi8, #tile.memory<spad>>, tensor<16x24xi32, #tile.memory<acc>>) -> tensor<16x24xi32, #tile.memory<acc>>
  %r1 = tile.store %p2 into %r [0, 0] : tensor<16x24xi32, #tile.memory<acc>> into tensor<16x24xi32>
  // scaled: rows 0..39 of x (both batch elements) times all of w, onto the
  // repeated bias row, scaled by 1/64 with ReLU, in two row tiles.
  %c = tile.dram : tensor<2x20x24xi8>
  %w1 = tile.load %w [0, 0] : tensor<40x24xi8> -> tensor<40x24xi8, #tile.memory<spad>>
  %d0 = tile.load %bias [0, 0] broadcast : tensor<24xi32> -> tensor<24x24xi32, #tile.memory<acc>>
  %x0 = tile.load %x [0, 0] : tensor<2x20x40xi8> -> tensor<24x40xi8, #tile.memory<spad>>
  %q0 = tile.compute %x0, %w1, %d0 : (tensor<24x40xi8, #tile.memory<spad>>, tensor<40x24xi8, #tile.memory<spad>>, tensor<24x24xi32, #tile.memory<acc>>) -> tensor<24x24xi32, #tile.memory<acc>>
  %c0 = tile.store %q0 into %c [0, 0] activation relu {acc_scale = 0.015625 : f32} : tensor<24x24xi32, #tile.memory<acc>> into tensor<2x20x24xi8>
  %d1 = tile.load %bias [0, 0] broadcast : tensor<24xi32> -> tensor<16x24xi32, #tile.memory<acc>>
  %x1 = tile.load %x [24, 0] : tensor<2x20x40xi8> -> tensor<16x40xi8, #tile.memory<spad>>
  %q1 = tile.compute %x1, %w1, %d1 : (tensor<16x40xi8, #tile.memory<spad>>, tensor<40x24xi8, #tile.memory<spad>>, tensor<16x24xi32, #tile.memory<acc>>) -> tensor<16x24xi32, #tile.memory<acc>>
  %c1 = tile.store %q1 into %c0 [24, 0] activation relu {acc_scale = 0.015625 : f32} : tensor<16x24xi32, #tile.memory<acc>> into tensor<2x20x24xi8>
  return %r1, %c1 : tensor<16x24xi32>, tensor<2x20x24xi8>
}
