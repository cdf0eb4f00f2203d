// RUN: tessel-opt %s --tessel-tile | FileCheck %s
// RUN: tessel-opt %s --tessel-tile="target=gemmini-dim8" | FileCheck %s --check-prefix=DIM8
// RUN: not tessel-opt %s --tessel-tile="policy=fastest" 2>&1 | FileCheck %s --check-prefix=POLICY
// RUN: not tessel-opt %s --tessel-tile="target=gemmini-huge" 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not tessel-opt %s --tessel-tile="target=gemmini-default:acc_rows=8" 2>&1 | FileCheck %s --check-prefix=FIT
// RUN: tessel-opt %s --tessel-tile="dataflow=os" | FileCheck %s --check-prefix=OS
// RUN: tessel-opt %s --tessel-tile="policy=cost dataflow=auto" | FileCheck %s --check-prefix=AUTO
// RUN: tessel-opt %s --tessel-tile="policy=cost" | FileCheck %s --check-prefix=WS
// RUN: not tessel-opt %s --tessel-tile="dataflow=rs" 2>&1 | FileCheck %s --check-prefix=OS-BAD
// RUN: not tessel-opt %s --tessel-tile="dataflow=os target=gemmini-default:dataflows=ws" 2>&1 | FileCheck %s --check-prefix=OS-NONE
// RUN: tessel-opt %s --tessel-tile="dataflow=auto target=gemmini-default:dataflows=ws" | FileCheck %s --check-prefix=WS
// The estimate of what the gemmini policy's tiles cost, against the
// simulator (tile-cost.mlir has the cost policy's).
// RUN: rm -rf %t && mkdir -p %t
// RUN: tessel-opt %s --tessel-tile -o %t/tiled.mlir
// RUN: tessel-opt %t/tiled.mlir --tessel-lower-to-gemmini -o %t/lowered.mlir
// RUN: %python -c "import numpy as np; [np.save('%t/' + n + '.npy', np.zeros(s, np.int8)) for n, s in [('a', (512, 512)), ('b', (512, 512)), ('c', (1024, 1024)), ('x', (4, 64, 64)), ('w', (64, 64)), ('u', (16, 1024)), ('v', (1024, 16))]]"
// RUN: tessel-run %t/lowered.mlir --entry square --input a=%t/a.npy --input b=%t/b.npy --input c=%t/c.npy --output-dir %t/out --stats-json %t/square.json
// RUN: tessel-run %t/lowered.mlir --entry batched --input x=%t/x.npy --input w=%t/w.npy --output-dir %t/out --stats-json %t/batched.json
// RUN: tessel-run %t/lowered.mlir --entry deep --input u=%t/u.npy --input v=%t/v.npy --output-dir %t/out --stats-json %t/deep.json
// RUN: %python %S/Inputs/estimates.py %t/tiled.mlir %t/square.json %t/batched.json %t/deep.json | FileCheck %s --check-prefix=SIM
// SIM: 4 layers within 10%

// gemmini.h's tiled_matmul_auto on the default target (shared/specs/
// gemmini-isa.md section 2): 512^3 -> (5, 6, 32), 1024^3 -> (5, 5, 51).
// CHECK-LABEL: func.func @square
// CHECK: {estimated_cycles = {{[0-9]+}} : i64, tiles = array<i64: 5, 6, 32>}
// CHECK: {estimated_cycles = {{[0-9]+}} : i64, tiles = array<i64: 5, 5, 51>}
// Output-stationary: tiled_matmul_auto's OS budgets are the whole
// memories (16384 scratchpad, 1024 accumulator rows): (8, 8, 32) and
// (8, 8, 64), gemmini.h's own (python/tessel/gemmini_tiling_reference.py,
// test/Schedule/Inputs/gemmini-tiling-cases.txt). The estimate is a timing
// run of the program.
// OS-LABEL: func.func @square
// OS: dataflow os {estimated_cycles = {{[0-9]+}} : i64, tiles = array<i64: 8, 8, 32>}
// OS: dataflow os {estimated_cycles = {{[0-9]+}} : i64, tiles = array<i64: 8, 8, 64>}
// dataflow=auto picks per layer the faster dataflow: weight-stationary for
// the batched layer below, output-stationary for the deep one, whose one
// output block sums 64 K blocks (output-stationary sums them in the array,
// 64 computes back to back; weight-stationary accumulates each onto the
// accumulator, and with one block each compute waits for the previous
// one's result, 3 x DIM cycles); the default keeps both weight-stationary.
// AUTO-LABEL: func.func @batched
// AUTO-NOT: dataflow
// AUTO-LABEL: func.func @deep
// AUTO: dataflow os {estimated_cycles = {{[0-9]+}} : i64, tiles = array<i64: 1, 1, 64>}
// WS-LABEL: func.func @batched
// WS-NOT: dataflow
// WS: tile.matmul
// WS-LABEL: func.func @deep
// WS-NOT: dataflow
// WS: tile.matmul
// OS-BAD: Cannot find option named 'rs'!
// A target without the output-stationary dataflow: an error naming it, or
// with dataflow=auto weight-stationary tiles.
// OS-NONE: error: no tile of this layer fits the target: 512x512x512 OS matmul: the target has no OS dataflow
// The target is kept on the module.
// DIM8: module attributes {gemmini.target = #gemmini.target<dim = 8
// POLICY: unknown policy 'fastest' (known: gemmini, cost)
// TARGET: --tessel-tile: unknown target 'gemmini-huge'
// A layer no tile fits: its sizes and the target's limits (half of 8
// accumulator rows cannot hold one 16-row block).
// FIT: error: no tile of this layer fits the target: 512x512x512 WS matmul: the accumulator budget (4 rows) holds no DIM x DIM block (DIM 16, 16384 scratchpad rows, 8 accumulator rows)
func.func @square(%a: tensor<512x512xi8> {onnx.name = "a"}, %b: tensor<512x512xi8> {onnx.name = "b"}, %c: tensor<1024x1024xi8> {onnx.name = "c"}) -> (tensor<512x512xi32>, tensor<1024x1024xi32>) {
  %0 = tile.matmul %a, %b : (tensor<512x512xi8>, tensor<512x512xi8>) -> tensor<512x512xi32>
  %1 = tile.matmul %c, %c : (tensor<1024x1024xi8>, tensor<1024x1024xi8>) -> tensor<1024x1024xi32>
  return %0, %1 : tensor<512x512xi32>, tensor<1024x1024xi32>
}

// Batch folded into the rows of a shared b: 4 x 64 rows = 16 blocks of I,
// J = K = 4 blocks. Start (5, 4, 4); I grows while I*J*DIM <= 512: 8.
// CHECK-LABEL: func.func @batched
// CHECK: {estimated_cycles = {{[0-9]+}} : i64, tiles = array<i64: 8, 4, 4>}
func.func @batched(%a: tensor<4x64x64xi8> {onnx.name = "x"}, %b: tensor<64x64xi8> {onnx.name = "w"}) -> tensor<4x64x64xi32> {
  %0 = tile.matmul %a, %b : (tensor<4x64x64xi8>, tensor<64x64xi8>) -> tensor<4x64x64xi32>
  return %0 : tensor<4x64x64xi32>
}

// One 16 x 16 output block over 1024 = 64 K blocks: gemmini.h's WS tile
// (1, 1, 64), the whole layer in one loop_ws.
// CHECK-LABEL: func.func @deep
// CHECK: {estimated_cycles = {{[0-9]+}} : i64, tiles = array<i64: 1, 1, 64>}
func.func @deep(%a: tensor<16x1024xi8> {onnx.name = "u"}, %b: tensor<1024x16xi8> {onnx.name = "v"}) -> tensor<16x16xi32> {
  %0 = tile.matmul %a, %b : (tensor<16x1024xi8>, tensor<1024x16xi8>) -> tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}
