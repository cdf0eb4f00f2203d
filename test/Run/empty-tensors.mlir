// Empty tensors move through the data-movement kernels without touching a
// buffer (the sanitized suite fails on a null pointer passed to memcpy):
// a reshape of an empty tensor, and a concatenation with an empty operand,
// which equals its other operand (NumPy: np.concatenate).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/a.npy', np.zeros((2, 0), np.float32)); np.save('%t/b.npy', np.arange(6, dtype=np.float32).reshape(2, 3))"
// RUN: tessel-run %s --input a=%t/a.npy --input b=%t/b.npy --output-dir %t/out | FileCheck %s
// RUN: %python -c "import numpy as np; a = np.load('%t/a.npy'); b = np.load('%t/b.npy'); assert np.load('%t/out/r.npy').shape == (0, 2); assert np.array_equal(np.load('%t/out/c.npy'), np.concatenate([a, b], axis=1)); print('numpy agrees')" | FileCheck %s --check-prefix=NUMPY
// CHECK: r: tensor<0x2xf32>
// CHECK: c: tensor<2x3xf32>
// NUMPY: numpy agrees

func.func @main(%a: tensor<2x0xf32> {onnx.name = "a"}, %b: tensor<2x3xf32> {onnx.name = "b"})
    -> (tensor<0x2xf32> {onnx.name = "r"}, tensor<2x3xf32> {onnx.name = "c"}) {
  %0 = nn.reshape %a {shape = array<i64: 0, 2>} : (tensor<2x0xf32>) -> tensor<0x2xf32>
  %1 = nn.concat %a, %b {axis = 1 : i64} : (tensor<2x0xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<0x2xf32>, tensor<2x3xf32>
}
