// --dump-programs on a host function that calls one program twice: the
// second call's directory is matmul_2, each holds its own call's bytes, and
// NumPy's products are the references. The second call leaves the untyped
// weight segment @d alone: it starts as zeros, which its directory passes as
// a file of the segment's bytes (ui8) so that the program runs alone.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(5); np.save('%t/x.npy', r.integers(-128, 128, (16, 16)).astype(np.int8)); np.save('%t/w.npy', r.integers(-128, 128, (16, 16)).astype(np.int8)); np.save('%t/bias.npy', r.integers(-5000, 5000, (16, 16)).astype(np.int32))"
// RUN: tessel-run %s --input x=%t/x.npy --input w=%t/w.npy --input bias=%t/bias.npy --repeat 2 --dump-programs %t/dump | FileCheck %s
// CHECK: programs: 2 dumped to {{.*}}dump
// RUN: ls %t/dump | FileCheck %s --check-prefix=DIRS --implicit-check-not={{.}}
// DIRS: matmul
// DIRS-NEXT: matmul_2
// RUN: FileCheck %s --check-prefix=INPUTS --input-file=%t/dump/matmul_2/inputs.txt
// INPUTS: --input a={{.*}}/matmul_2/a.npy --input b={{.*}}/matmul_2/b.npy --input d={{.*}}/matmul_2/d.npy{{$}}
// RUN: %python -c "import numpy as np; L = lambda f: np.load('%t/' + f); I = lambda v: v.astype(np.int64); x, w, bias = L('x.npy'), L('w.npy'), L('bias.npy'); d1, d2 = L('dump/matmul/d.npy'), L('dump/matmul_2/d.npy'); assert d1.dtype == np.int32 and (d1 == bias).all(); assert d2.dtype == np.uint8 and d2.shape == (1024,) and not d2.any(); assert (L('dump/matmul/a.npy') == x).all() and (L('dump/matmul_2/a.npy') == w).all(); assert (L('dump/matmul/expected/c.npy') == I(x) @ I(w) + bias).all(); assert (L('dump/matmul_2/expected/c.npy') == I(w) @ I(x)).all(); print('dumps match')" | FileCheck %s --check-prefix=NUMPY
// NUMPY: dumps match
// RUN: tessel-run %t/dump/matmul_2/prog.mlir $(cat %t/dump/matmul_2/inputs.txt) --output-dir %t/rerun
// RUN: cmp %t/rerun/c.npy %t/dump/matmul_2/expected/c.npy

// The program as the entry is dumped the same way.
// RUN: tessel-run %s --entry matmul --input a=%t/x.npy --input b=%t/w.npy --input d=%t/bias.npy --dump-programs %t/entry --output-dir %t/entry-out
// RUN: cmp %t/entry-out/c.npy %t/entry/matmul/expected/c.npy
// RUN: cmp %t/dump/matmul/expected/c.npy %t/entry/matmul/expected/c.npy

// Where a segment is called @main the program keeps its name, and
// inputs.txt names it as the entry.
// RUN: tessel-run %S/Inputs/main-segment.mlir --entry copy --input main=%t/x.npy --dump-programs %t/named > /dev/null
// RUN: FileCheck %s --check-prefix=NAMED --input-file=%t/named/copy/inputs.txt
// NAMED: --entry copy --input main={{.*}}/copy/main.npy{{$}}
// RUN: tessel-run %t/named/copy/prog.mlir $(cat %t/named/copy/inputs.txt) --output-dir %t/named-out
// RUN: cmp %t/named-out/out.npy %t/named/copy/expected/out.npy
// RUN: %python -c "import numpy as np; assert (np.load('%t/named/copy/expected/out.npy') == np.load('%t/x.npy')).all(); print('copied')"

// A run that calls no program writes nothing and says so.
// RUN: tessel-run %s --entry plain --input x=%t/x.npy --dump-programs %t/none 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: warning: --dump-programs: the run called no gemmini program
// RUN: ls %t/none | count 0

// A program directory that cannot be made is an error naming it.
// RUN: mkdir -p %t/busy && touch %t/busy/matmul
// RUN: not tessel-run %s --input x=%t/x.npy --input w=%t/w.npy --input bias=%t/bias.npy --dump-programs %t/busy 2>&1 | FileCheck %s --check-prefix=BUSY
// BUSY: error: cannot create '{{.*}}busy/matmul/expected': Not a directory

gemmini.segment @a : inputs, base 4096, size 256, type tensor<16x16xi8>
gemmini.segment @b : weights, base 8192, size 256, type tensor<16x16xi8>
gemmini.segment @d : weights, base 12288, size 1024
gemmini.segment @c : outputs, base 16384, size 1024, type tensor<16x16xi32>
gemmini.program @matmul {
  gemmini.config_ex dataflow = ws, a_stride = 1, c_stride = 1
  gemmini.config_ld stride = 16
  gemmini.config_ld id = 2, stride = 64
  gemmini.mvin dram = @a, local = spad[0], local_cols = 16, local_rows = 16
  gemmini.mvin dram = @b, local = spad[16], local_cols = 16, local_rows = 16
  gemmini.mvin3 dram = @d, local = acc[0], local_cols = 16, local_rows = 16
  gemmini.preload bd = spad[16], bd_cols = 16, bd_rows = 16, c = acc[0] accumulate, c_cols = 16, c_rows = 16
  gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
  gemmini.config_st stride = 64
  gemmini.mvout dram = @c, local = acc[0] full, local_cols = 16, local_rows = 16
}

func.func @main(%x: tensor<16x16xi8> {onnx.name = "x"}, %w: tensor<16x16xi8> {onnx.name = "w"},
                %bias: tensor<16x16xi32> {onnx.name = "bias"})
    -> (tensor<16x16xi32> {onnx.name = "c1"}, tensor<16x16xi32> {onnx.name = "c2"}) {
  %c1 = gemmini.call @matmul(@a = %x : tensor<16x16xi8>, @b = %w : tensor<16x16xi8>, @d = %bias : tensor<16x16xi32>) -> (@c : tensor<16x16xi32>)
  %c2 = gemmini.call @matmul(@a = %w : tensor<16x16xi8>, @b = %x : tensor<16x16xi8>) -> (@c : tensor<16x16xi32>)
  return %c1, %c2 : tensor<16x16xi32>, tensor<16x16xi32>
}

func.func @plain(%x: tensor<16x16xi8> {onnx.name = "x"}) -> (tensor<16x16xi8> {onnx.name = "y"}) {
  %y = nn.relu %x : tensor<16x16xi8>
  return %y : tensor<16x16xi8>
}
