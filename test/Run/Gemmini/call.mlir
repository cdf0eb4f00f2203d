// A host function that mixes nn operations with a gemmini program runs in one
// pass of the interpreter: y = relu(x) feeds the array, whose 16x16 int32
// product y @ w is then added to itself. NumPy's y @ w * 2 is the reference.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(7); np.save('%t/x.npy', r.integers(-128, 128, (16, 16)).astype(np.int8)); np.save('%t/w.npy', r.integers(-128, 128, (16, 16)).astype(np.int8))"
// RUN: tessel-run %s --input x=%t/x.npy --input w=%t/w.npy --output-dir %t/out --stats --repeat 2 --dump-intermediates %t/dump | FileCheck %s
// RUN: %python -c "import numpy as np; x = np.load('%t/x.npy').astype(np.int64); w = np.load('%t/w.npy').astype(np.int64); got = np.load('%t/out/z.npy'); want = (np.maximum(x, 0) @ w * 2).astype(np.int32); assert got.dtype == want.dtype and (got == want).all(), (got, want); assert (np.load('%t/dump/gemmini.call_0.npy') == want // 2).all(); print('z matches')" | FileCheck %s --check-prefix=NUMPY
// CHECK: z: tensor<16x16xi32> -> {{.*}}z.npy
// CHECK: first run:
// CHECK: run: {{[0-9.]+}} ms (median)
// CHECK-NEXT: instructions:
// CHECK: mvin: 2
// CHECK: MACs: 4096
// CHECK: time per op kind:
// CHECK-DAG: gemmini.call:
// CHECK-DAG: nn.add:
// NUMPY: z matches

// --stats-json: the same figures as JSON. By hand: 16^3 = 4096 MACs, two
// 16x16 int8 operands read (512 bytes), one 16x16 int32 result written
// (1024 bytes), two mvins.
// RUN: tessel-run %s --input x=%t/x.npy --input w=%t/w.npy --stats-json %t/stats.json > /dev/null
// RUN: %python -c "import json; d = json.load(open('%t/stats.json')); [r] = d['reports']; c = r['counters']; assert r['program'] == 'matmul' and r['op'] == 'gemmini.call'; assert (c['macs'], c['dram_bytes_read'], c['dram_bytes_written'], c['instructions']['mvin']) == (4096, 512, 1024, 2), c; assert {'gemmini.call', 'nn.add', 'nn.relu'} <= set(d['time_per_op_kind_ms']); assert 0 < c['utilization'] <= 1; print('json ok')" | FileCheck %s --check-prefix=JSON
// JSON: json ok

// The program alone, as the entry, takes .pb inputs too.
// RUN: %python -c "import numpy as np, onnx.numpy_helper as h; x = np.load('%t/x.npy'); open('%t/a.pb', 'wb').write(h.from_array(np.maximum(x, 0), 'a').SerializeToString())"
// RUN: tessel-run %s --entry matmul --input a=%t/a.pb --input b=%t/w.npy --output-dir %t/prog --repeat 2 --dump-intermediates %t/progdump
// RUN: %python -c "import numpy as np; assert (np.load('%t/prog/c.npy') * 2 == np.load('%t/out/z.npy')).all(); import os; assert os.path.exists('%t/progdump/gemmini.call_0.npy'); print('program matches')" | FileCheck %s --check-prefix=PROG
// PROG: program matches

gemmini.segment @a : inputs, base 4096, size 256, type tensor<16x16xi8>
gemmini.segment @b : weights, base 8192, size 256, type tensor<16x16xi8>
gemmini.segment @c : outputs, base 12288, size 1024, type tensor<16x16xi32>
gemmini.program @matmul {
  gemmini.config_ex dataflow = ws, a_stride = 1, c_stride = 1
  gemmini.config_ld stride = 16
  gemmini.mvin dram = @a, local = spad[0], local_cols = 16, local_rows = 16
  gemmini.mvin dram = @b, local = spad[16], local_cols = 16, local_rows = 16
  gemmini.preload bd = spad[16], bd_cols = 16, bd_rows = 16, c = acc[0], c_cols = 16, c_rows = 16
  gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
  gemmini.config_st stride = 64
  gemmini.mvout dram = @c, local = acc[0] full, local_cols = 16, local_rows = 16
}

func.func @main(%x: tensor<16x16xi8> {onnx.name = "x"}, %w: tensor<16x16xi8> {onnx.name = "w"}) -> (tensor<16x16xi32> {onnx.name = "z"}) {
  %y = nn.relu %x : tensor<16x16xi8>
  %c = gemmini.call @matmul(@a = %y : tensor<16x16xi8>, @b = %w : tensor<16x16xi8>) -> (@c : tensor<16x16xi32>)
  %z = nn.add %c, %c : (tensor<16x16xi32>, tensor<16x16xi32>) -> tensor<16x16xi32>
  return %z : tensor<16x16xi32>
}
