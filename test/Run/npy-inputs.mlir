// .npy inputs are read only as far as their header says: a shape whose
// element count overflows, data short of or beyond the shape, and devices
// that never end are errors naming the file, read without exhausting memory.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.zeros((2, 3), np.float32))"
// RUN: %python -c "h = b\"{'descr': '<f4', 'fortran_order': False, 'shape': (2147483648, 2147483648), }\"; h += b' ' * ((64 - (10 + len(h) + 1) %% 64) %% 64) + b'\n'; open('%t/huge.npy', 'wb').write(b'\x93NUMPY\x01\x00' + len(h).to_bytes(2, 'little') + h)"
// RUN: %python -c "d = open('%t/x.npy', 'rb').read(); open('%t/short.npy', 'wb').write(d[:-1]); open('%t/long.npy', 'wb').write(d + b'\0')"
// RUN: not tessel-run %s --input x=%t/huge.npy 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not tessel-run %s --input x=%t/short.npy 2>&1 | FileCheck %s --check-prefix=SHORT
// RUN: not tessel-run %s --input x=%t/long.npy 2>&1 | FileCheck %s --check-prefix=LONG
// RUN: not tessel-run %s --input x=/dev/zero 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: tessel-run %s --input x=%t/x.npy | FileCheck %s --check-prefix=OK
// HUGE: error: {{.*}}huge.npy: the .npy shape has more than 2^40 elements
// SHORT: error: {{.*}}short.npy: the .npy data holds 23 bytes, its shape needs 24
// LONG: error: {{.*}}long.npy: the .npy data holds 25 bytes, its shape needs 24
// ZERO: error: /dev/zero: not an .npy file (bad magic)
// OK: y: tensor<2x3xf32> [0.000000e+00, 0.000000e+00

func.func @main(%x: tensor<2x3xf32> {onnx.name = "x"}) -> (tensor<2x3xf32> {onnx.name = "y"}) {
  return %x : tensor<2x3xf32>
}
