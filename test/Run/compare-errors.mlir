// --compare's errors name what is wrong and exit non-zero: a reference
// that cannot be read or parsed, has no such entry, or takes other
// arguments or gives other results than the module.
// RUN: rm -rf %t && split-file %s %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.ones((2, 3), np.float32))"
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/nothere.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/bad.mlir 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/other.mlir 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/two.mlir 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/renamed.mlir 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/i32.mlir 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/arg-name.mlir 2>&1 | FileCheck %s --check-prefix=ARGNAME
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/arg-type.mlir 2>&1 | FileCheck %s --check-prefix=ARGTYPE
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/arg-extra.mlir 2>&1 | FileCheck %s --check-prefix=ARGEXTRA
// RUN: not tessel-run %t/prog.mlir --input x=%t/x.npy --compare %t/no-semantics.mlir 2>&1 | FileCheck %s --check-prefix=RUNFAIL

// MISSING: error: cannot read '{{.*}}nothere.mlir': No such file or directory
// PARSE: bad.mlir:{{[0-9]+}}:{{[0-9]+}}: error: expected
// ENTRY: error: no function or gemmini program 'main' in {{.*}}other.mlir
// COUNT: error: different numbers of results: 1 in {{.*}}prog.mlir, 2 in {{.*}}two.mlir
// NAME: error: result 0 is 'y' tensor<2x3xf32> in {{.*}}prog.mlir, 'z' tensor<2x3xf32> in {{.*}}renamed.mlir
// TYPE: error: result 0 is 'y' tensor<2x3xf32> in {{.*}}prog.mlir, 'y' tensor<2x3xi32> in {{.*}}i32.mlir
// ARGNAME: error: argument 'x' is in {{.*}}prog.mlir but not in {{.*}}arg-name.mlir
// ARGTYPE: error: argument 'x' is tensor<2x3xf32> in {{.*}}prog.mlir, tensor<3x2xf32> in {{.*}}arg-type.mlir
// ARGEXTRA: error: argument 'w' is in {{.*}}arg-extra.mlir but not in {{.*}}prog.mlir
// RUNFAIL: no-semantics.mlir:2:8: error: the interpreter has no semantics for 'arith.addf'

//--- prog.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  %0 = nn.relu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
//--- bad.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
//--- other.mlir
func.func @other(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  return %x : tensor<2x3xf32>
}
//--- two.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}, tensor<2x3xf32> {onnx.name = "z"}) {
  return %x, %x : tensor<2x3xf32>, tensor<2x3xf32>
}
//--- renamed.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "z"}) {
  return %x : tensor<2x3xf32>
}
//--- i32.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xi32> {onnx.name = "y"}) {
  %0 = nn.cast %x {to = i32} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}
//--- arg-name.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "input"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  return %x : tensor<2x3xf32>
}
//--- arg-type.mlir
func.func @main(%x: tensor<3x2xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  %0 = nn.transpose %x {perm = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
//--- arg-extra.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}, %w: tensor<2x3xf32> {onnx.name = "w"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  %0 = nn.add %x, %w : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
//--- no-semantics.mlir
func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  %0 = arith.addf %x, %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
