// Output files: results whose names map to one file name each get a file
// of their own, and a run whose outputs cannot all be written leaves none.
// Intermediates of unnamed ops of one kind are numbered, not overwritten.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.arange(4, dtype=np.float32))"
// RUN: tessel-run %s --input x=%t/x.npy --output-dir %t/out --dump-intermediates %t/dump | FileCheck %s
// RUN: %python -c "import numpy as np; x = np.arange(4, dtype=np.float32); assert (np.load('%t/out/a_b.npy') == x + x).all(); assert (np.load('%t/out/a_b_2.npy') == (x + x) * x).all(); assert (np.load('%t/dump/nn.add_0.npy') == x + x).all(); assert (np.load('%t/dump/nn.add_0_2.npy') == x + x + x).all(); print('files agree')" | FileCheck %s --check-prefix=NUMPY
// RUN: mkdir -p %t/bad/a_b_2.npy.partial
// RUN: not tessel-run %s --input x=%t/x.npy --output-dir %t/bad 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: ls %t/bad | FileCheck %s --check-prefix=LEFT
// CHECK: a/b: tensor<4xf32> -> {{.*}}a_b.npy
// CHECK: a_b: tensor<4xf32> -> {{.*}}a_b_2.npy
// NUMPY: files agree
// BAD: error: {{.*}}a_b_2.npy.partial
// LEFT-NOT: a_b.npy
// LEFT: a_b_2.npy.partial
// LEFT-NOT: a_b.npy

func.func @main(%x: tensor<4xf32> {onnx.name = "x"})
    -> (tensor<4xf32> {onnx.name = "a/b"}, tensor<4xf32> {onnx.name = "a_b"}, tensor<4xf32> {onnx.name = "c"}) {
  %0 = nn.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = nn.mul %0, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = nn.add %0, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
