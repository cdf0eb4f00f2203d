// CSE on the explicit tiled form merges equal loads: operand reuse chosen
// in the IR. Here 48 x 20 x 16 with 16 x 16 x 32 tiles: three row tiles
// read the same repeated bias row and the same B tile. After --cse one
// load of each feeds all three products; the lowering keeps the B tile on
// chip for all three, and moves the bias in once per product, since each
// product accumulates onto its own copy. The program equals the layer.
// RUN: tessel-opt %s --tile-expand --cse | FileCheck %s --check-prefix=IR
// RUN: tessel-opt %s --tile-expand --cse --tessel-lower-to-gemmini | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(5); np.save('%t/a.npy', r.integers(-128, 128, (48, 20)).astype(np.int8)); np.save('%t/b.npy', r.integers(-128, 128, (20, 16)).astype(np.int8)); np.save('%t/bias.npy', r.integers(-3000, 3000, (16,)).astype(np.int32))"
// RUN: tessel-opt %s --tile-expand --cse --tessel-lower-to-gemmini -o %t/prog.mlir
// RUN: tessel-run %t/prog.mlir --compare %s --input a=%t/a.npy --input b=%t/b.npy --input bias=%t/bias.npy | FileCheck %s --check-prefix=SAME

// IR-COUNT-1: tile.load %arg2 [0, 0] broadcast
// IR-COUNT-1: tile.load %arg1 [0, 0]
// IR-NOT: tile.load %arg1
// IR-NOT: tile.load %arg2
// IR-COUNT-3: tile.compute
// B's 20 rows move in once (two moves of up to 16 rows), the bias row
// three times, each copy at rows of its own.
// CHECK-LABEL: gemmini.program @layer
// CHECK: gemmini.mvin3 dram = @layer_bias, local = acc[0]
// CHECK: gemmini.mvin2 dram = @layer_b, local = spad[32], local_cols = 16, local_rows = 16
// CHECK-NEXT: gemmini.mvin2 dram = @layer_b + 256, local = spad[48], local_cols = 16, local_rows = 4
// CHECK-NOT: gemmini.mvin2
// CHECK: gemmini.mvin3 dram = @layer_bias, local = acc[16]
// CHECK-NOT: gemmini.mvin2
// CHECK: gemmini.mvin3 dram = @layer_bias, local = acc[32]
// CHECK-NOT: gemmini.mvin
// SAME: c: bit-identical (768 elements)
func.func @main(%a: tensor<48x20xi8> {onnx.name = "a"}, %b: tensor<20x16xi8> {onnx.name = "b"}, %bias: tensor<16xi32> {onnx.name = "bias"}) -> (tensor<48x16xi8> {onnx.name = "c"}) {
  %0 = tile.matmul %a, %b, %bias activation relu {acc_scale = array<f32: 0.03125>, tiles = array<i64: 1, 1, 2>} : (tensor<48x20xi8>, tensor<20x16xi8>, tensor<16xi32>) -> tensor<48x16xi8>
  return %0 : tensor<48x16xi8>
}
