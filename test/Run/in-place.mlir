// Elementwise float32 ops write into an operand the run no longer needs
// (interp::donatedOperand) and must give what fresh buffers give: values
// read twice, read again later, returned, broadcast, function arguments and
// constants are never overwritten. A reshape takes a dead operand's buffer
// and views a constant, copies anything else. Each result equals NumPy's
// float32 arithmetic exactly.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(2); np.save('%t/x.npy', r.standard_normal((4, 8)).astype(np.float32)); np.save('%t/row.npy', r.standard_normal((1, 8)).astype(np.float32))"
// RUN: tessel-run %s --input x=%t/x.npy --input row=%t/row.npy --output-dir %t/out > /dev/null
// RUN: %python -c "import numpy as np; d = '%t'; x = np.load(d + '/x.npy'); row = np.load(d + '/row.npy'); k = np.float32(0.5); a = x * x; b = np.maximum(a, 0); c = b + b; dd = c - x; e = np.maximum(row, 0) + dd; f = np.minimum(np.maximum(e * k, 0), 6); g = (x + k) - f; w = np.arange(32, dtype=np.float32).reshape(4, 8) - 16; outs = dict(e=e, b=b, g=g, x2=x, xr=np.maximum(x.reshape(8, 4), 0), ar=np.maximum(a.reshape(8, 4), 0), wr=np.maximum(w.reshape(8, 4), 0), w2=w); [np.testing.assert_array_equal(np.load(d + '/out/' + n + '.npy'), v, err_msg=n) for n, v in outs.items()]; print('in place ok')" | FileCheck %s
// CHECK: in place ok
func.func @main(%x: tensor<4x8xf32> {onnx.name = "x"}, %row: tensor<1x8xf32> {onnx.name = "row"})
    -> (tensor<4x8xf32> {onnx.name = "e"}, tensor<4x8xf32> {onnx.name = "b"},
        tensor<4x8xf32> {onnx.name = "g"}, tensor<4x8xf32> {onnx.name = "x2"},
        tensor<8x4xf32> {onnx.name = "xr"}, tensor<8x4xf32> {onnx.name = "ar"},
        tensor<8x4xf32> {onnx.name = "wr"}, tensor<4x8xf32> {onnx.name = "w2"}) {
  %k = nn.constant dense<0.5> : tensor<f32>
  // Function arguments are the caller's: a fresh buffer.
  %a = nn.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // %a is dead after it: in place.
  %b = nn.relu %a : tensor<4x8xf32>
  // %b is read twice here and returned: a fresh buffer.
  %c = nn.add %b, %b : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // Into %c, the first operand.
  %d = nn.sub %c, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %r = nn.relu %row : tensor<1x8xf32>
  // %r is dead but broadcast; into %d, the second operand.
  %e = nn.add %r, %d : (tensor<1x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // %e is returned: a fresh buffer; the constant is borrowed: never written.
  %s = nn.mul %e, %k : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %f = nn.clip %s {max = 6.0 : f64, min = 0.0 : f64} : tensor<4x8xf32>
  %h = nn.add %x, %k : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %g = nn.sub %h, %f : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  // Reshapes: of the argument (copied, the copy then overwritten in
  // place), of a dead product (its buffer taken), of a constant (viewed, so
  // the ReLU writes a fresh buffer).
  %xr0 = nn.reshape %x {shape = array<i64: 8, 4>} : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %xr = nn.relu %xr0 : tensor<8x4xf32>
  %a2 = nn.mul %x, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %ar0 = nn.reshape %a2 {shape = array<i64: 8, 4>} : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %ar = nn.relu %ar0 : tensor<8x4xf32>
  %w = nn.constant dense<[[-16.0, -15.0, -14.0, -13.0, -12.0, -11.0, -10.0, -9.0], [-8.0, -7.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0], [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0]]> : tensor<4x8xf32>
  %wr0 = nn.reshape %w {shape = array<i64: 8, 4>} : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %wr = nn.relu %wr0 : tensor<8x4xf32>
  // The argument and the constant themselves, after everything: unchanged.
  %x2 = nn.identity %x : tensor<4x8xf32>
  %w2 = nn.identity %w : tensor<4x8xf32>
  return %e, %b, %g, %x2, %xr, %ar, %wr, %w2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<4x8xf32>
}
