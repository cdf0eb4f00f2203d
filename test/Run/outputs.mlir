// tessel-run writes each result as <onnx.name>.npy; NumPy reads them back
// and checks them against its own computation of the same function.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; rng = np.random.default_rng(1); np.save('%t/a.npy', rng.standard_normal((2, 3)).astype(np.float32)); np.save('%t/b.npy', rng.standard_normal((3, 4)).astype(np.float32))"
// RUN: tessel-run %s --input a=%t/a.npy --input b=%t/b.npy --output-dir %t/out --dump-intermediates %t/dump | FileCheck %s
// RUN: %python -c "import numpy as np; a = np.load('%t/a.npy'); b = np.load('%t/b.npy'); y = np.maximum(a @ b, 0); t = y.T; assert np.allclose(np.load('%t/out/y.npy'), y, rtol=1e-6, atol=1e-6); assert np.allclose(np.load('%t/out/t.npy'), t, rtol=1e-6, atol=1e-6); assert np.load('%t/out/t.npy').dtype == np.float32; assert np.allclose(np.load('%t/dump/mm_0.npy'), a @ b, rtol=1e-6, atol=1e-6); print('numpy agrees')" | FileCheck %s --check-prefix=NUMPY
// Repeated runs (for timing) give the same outputs, and --stats reports the
// first run and the median with the time per op kind.
// RUN: tessel-run %s --input a=%t/a.npy --input b=%t/b.npy --output-dir %t/rep --repeat 3 --stats | FileCheck %s --check-prefix=REPEAT
// RUN: cmp %t/out/y.npy %t/rep/y.npy && cmp %t/out/t.npy %t/rep/t.npy
// CHECK: y: tensor<2x4xf32> -> {{.*}}y.npy
// CHECK: t: tensor<4x2xf32> -> {{.*}}t.npy
// NUMPY: numpy agrees
// REPEAT: first run: {{[0-9.]+}} ms
// REPEAT-NEXT: run: {{[0-9.]+}} ms (median)
// REPEAT-NEXT: time per op kind:
// REPEAT-NEXT: nn.matmul: {{[0-9.]+}} ms
// REPEAT-NEXT: nn.relu: {{[0-9.]+}} ms
// REPEAT-NEXT: nn.transpose: {{[0-9.]+}} ms

func.func @main(%a: tensor<2x3xf32> {onnx.name = "a"}, %b: tensor<3x4xf32> {onnx.name = "b"})
    -> (tensor<2x4xf32> {onnx.name = "y"}, tensor<4x2xf32> {onnx.name = "t"}) {
  %0 = nn.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32> loc("mm")
  %1 = nn.relu %0 : tensor<2x4xf32>
  %2 = nn.transpose %1 {perm = array<i64: 1, 0>} : (tensor<2x4xf32>) -> tensor<4x2xf32>
  return %1, %2 : tensor<2x4xf32>, tensor<4x2xf32>
}
