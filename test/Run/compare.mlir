// tessel-run --compare runs a reference module on the same inputs and
// compares the results bit for bit.
// RUN: rm -rf %t && split-file %s %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.arange(6, dtype=np.int32).reshape(2, 3) - 2)"

// The same computation written two ways (x + x and x * 2) agrees.
// RUN: tessel-run %t/add.mlir --input x=%t/x.npy --compare %t/mul.mlir | FileCheck %s --check-prefix=SAME
// SAME: twice: bit-identical (6 elements)
// SAME-NEXT: y: bit-identical (6 elements)
// SAME-NOT: differ

// A bias differing at [1, 1]: x = [[-2, -1, 0], [1, 2, 3]], so y[1, 1] is
// 2 * 2 + 5 = 9 against 2 * 2 + 9 = 13; the first layer whose values
// differ is the add named "plus" (line 4 of add.mlir, 5 of mul-off.mlir).
// RUN: not tessel-run %t/add.mlir --input x=%t/x.npy --compare %t/mul-off.mlir | FileCheck %s --check-prefix=OFF
// OFF-NOT: bit-identical
// OFF: y: 1 of 6 elements differ, first at 4 [1, 1]: 9 vs 13 in the reference
// OFF-NEXT: first differing layer: 'plus' ({{.*}}add.mlir:4, {{.*}}mul-off.mlir:5): 1 of 6 elements differ, first at 4 [1, 1]: 9 vs 13 in the reference
// OFF-NOT: max abs

// --output-dir writes the module's outputs as without --compare; --repeat
// and --stats time the module's runs.
// RUN: not tessel-run %t/add.mlir --input x=%t/x.npy --compare %t/mul-off.mlir --output-dir %t/out --repeat 2 --stats | FileCheck %s --check-prefix=WITH
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy'); assert (np.load('%t/out/y.npy') == 2 * x + np.arange(1, 7).reshape(2, 3)).all(); print('numpy agrees')" | FileCheck %s --check-prefix=NUMPY
// WITH: twice: tensor<2x3xi32> -> {{.*}}twice.npy
// WITH-NEXT: y: tensor<2x3xi32> -> {{.*}}y.npy
// WITH-NEXT: y: 1 of 6 elements differ, first at 4 [1, 1]: 9 vs 13 in the reference
// WITH-NEXT: first differing layer: 'plus'
// WITH-NEXT: first run: {{[0-9.]+}} ms
// WITH-NEXT: run: {{[0-9.]+}} ms (median)
// NUMPY: numpy agrees

// Integers print exactly: 2^53 + 1 against 2^53 (one double), and unsigned
// as unsigned. The op that differs has no name, so no layer is named.
// RUN: not tessel-run %t/wide.mlir --compare %t/wide-off.mlir | FileCheck %s --check-prefix=WIDE
// WIDE: big: 1 of 2 elements differ, first at 1 [1]: 9007199254740993 vs 9007199254740992 in the reference
// WIDE-NEXT: 2 of 2 outputs differ
// WIDE-NEXT: no named layer differs (0 in both modules)
// RUN: not tessel-run %t/wide-off.mlir --compare %t/wide.mlir | FileCheck %s --check-prefix=REVERSED
// REVERSED: big: 1 of 2 elements differ, first at 1 [1]: 9007199254740992 vs 9007199254740993 in the reference
// RUN: not tessel-run %t/wide-u8.mlir --compare %t/wide-off.mlir | FileCheck %s --check-prefix=U8
// U8: small: 1 of 1 elements differ, first at 0 [0]: 255 vs 254 in the reference

// A gemmini program entry compares through its host function, outputs by
// segment (16x16 each).
// RUN: %python %tessel_src/python/tessel/gemmini_programs.py matmul_ws 2 %t/mw > /dev/null
// RUN: tessel-run %t/mw/prog.mlir $(cat %t/mw/inputs.txt) --compare %t/mw/prog.mlir | FileCheck %s --check-prefix=PROGRAM
// PROGRAM: c8: bit-identical (256 elements)
// PROGRAM-NEXT: c32: bit-identical (256 elements)

//--- add.mlir
func.func @main(%x: tensor<2x3xi32> {onnx.name = "x"}) -> (tensor<2x3xi32> {onnx.name = "twice"}, tensor<2x3xi32> {onnx.name = "y"}) {
  %0 = nn.add %x, %x : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32> loc("double")
  %c = nn.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %1 = nn.add %0, %c : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32> loc("plus")
  return %0, %1 : tensor<2x3xi32>, tensor<2x3xi32>
}
//--- mul.mlir
func.func @main(%x: tensor<2x3xi32> {onnx.name = "x"}) -> (tensor<2x3xi32> {onnx.name = "twice"}, tensor<2x3xi32> {onnx.name = "y"}) {
  %two = nn.constant dense<2> : tensor<2x3xi32> loc("two")
  %0 = nn.mul %x, %two : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32> loc("double")
  %c = nn.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %1 = nn.add %0, %c : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32> loc("plus")
  return %0, %1 : tensor<2x3xi32>, tensor<2x3xi32>
}
//--- mul-off.mlir
func.func @main(%x: tensor<2x3xi32> {onnx.name = "x"}) -> (tensor<2x3xi32> {onnx.name = "twice"}, tensor<2x3xi32> {onnx.name = "y"}) {
  %two = nn.constant dense<2> : tensor<2x3xi32> loc("two")
  %0 = nn.mul %x, %two : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32> loc("double")
  %c = nn.constant dense<[[1, 2, 3], [4, 9, 6]]> : tensor<2x3xi32>
  %1 = nn.add %0, %c : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32> loc("plus")
  return %0, %1 : tensor<2x3xi32>, tensor<2x3xi32>
}
//--- wide.mlir
func.func @main() -> (tensor<2xi64> {onnx.name = "big"}, tensor<1xui8> {onnx.name = "small"}) {
  %0 = nn.constant dense<[1, 9007199254740993]> : tensor<2xi64>
  %1 = nn.constant dense<255> : tensor<1xui8>
  return %0, %1 : tensor<2xi64>, tensor<1xui8>
}
//--- wide-off.mlir
func.func @main() -> (tensor<2xi64> {onnx.name = "big"}, tensor<1xui8> {onnx.name = "small"}) {
  %0 = nn.constant dense<[1, 9007199254740992]> : tensor<2xi64>
  %1 = nn.constant dense<254> : tensor<1xui8>
  return %0, %1 : tensor<2xi64>, tensor<1xui8>
}
//--- wide-u8.mlir
func.func @main() -> (tensor<2xi64> {onnx.name = "big"}, tensor<1xui8> {onnx.name = "small"}) {
  %0 = nn.constant dense<[1, 9007199254740992]> : tensor<2xi64>
  %1 = nn.constant dense<255> : tensor<1xui8>
  return %0, %1 : tensor<2xi64>, tensor<1xui8>
}
