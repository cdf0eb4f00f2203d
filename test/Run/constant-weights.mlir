// Linear layers with constant weights: Gemm with a bias of N (or 1 x N),
// alpha and beta 1, runs through oneDNN's matmul primitive holding B
// packed, B stored transposed or not; the other Gemms (a full C with beta
// 0.5, alpha 2) through sgemm; a MatMul of 3-D activations by constant
// weights as one product; a batch of small products (attention's heads) one
// per thread. NumPy computes every result from ONNX's definitions
// (constant-weights.mlir.py, which also writes the module).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %s.py %t inputs
// RUN: tessel-run %t/model.mlir --input a=%t/a.npy --input x=%t/x.npy --input q=%t/q.npy --input k=%t/k.npy --output-dir %t/out > /dev/null
// RUN: %python %s.py %t check | FileCheck %s
// CHECK: linear_t ok
// CHECK: linear_row ok
// CHECK: full_bias ok
// CHECK: scaled ok
// CHECK: no_bias ok
// CHECK: projected ok
// CHECK: heads ok
