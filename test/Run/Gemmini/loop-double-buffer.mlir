// Gemmini's loop unit double-buffers (LoopMatmul.scala: two loop slots in
// turn, each with its own half of the scratchpad, and C in the other
// accumulator half after a loop that moves C out), so the second of two
// loop_ws moves its operands in while the first computes. Two 16x16x16
// products, no bias, each one loop_ws of one block; the timing model by
// hand (docs/gemmini.md: moves of 256 bytes occupy the load or store unit
// 16 cycles, moves in land 100 cycles later, a compute occupies the array
// 16 cycles and lands 32 later):
//   configurations, one issue slot each: cycles 0-8;
//   loop 1: A in 9-25 (ready 125), B in 25-41 (ready 141), the compute
//     141-157 (lands 189), C out 189-205;
//   loop 2: A in 41-57 (ready 157), B in 57-73 (ready 173), nothing to wait
//     for in the other halves; the compute 173-189 (lands 221), C out
//     221-237.
// (With one set of rows for every loop, loop 2's moves in would wait for
// loop 1's compute and its C for loop 1's move out: 353 cycles.)
// Both results are A x B (NumPy).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(3); [np.save('%t/' + n + '.npy', r.integers(-3, 4, (16, 16)).astype(np.int8)) for n in 'ab']"
// RUN: tessel-run %s --input a=%t/a.npy --input b=%t/b.npy --output-dir %t/out --stats | FileCheck %s
// RUN: %python -c "import numpy as np; a, b = (np.load('%t/' + n + '.npy').astype(np.int32) for n in 'ab'); c = np.clip(a @ b, -128, 127).astype(np.int8); assert all(np.array_equal(np.load('%t/out/' + n + '.npy'), c) for n in ('c1', 'c2')); print('numpy agrees')" | FileCheck %s --check-prefix=NUMPY
// CHECK: estimated cycles: 237
// NUMPY: numpy agrees

module attributes {gemmini.target = #gemmini.target<dim = 16, spad_banks = 4, spad_bank_rows = 4096, acc_banks = 2, acc_rows = 1024, input_bits = 8, acc_bits = 32, dataflows = "both", dma_bytes = 16, max_block_len = 4, max_block_len_acc = 1, dram_latency = 100, dma_bytes_per_cycle = 16, store_bytes_per_cycle = 16>} {
  gemmini.segment @a : inputs, base 1048576, size 256, type tensor<16x16xi8>
  gemmini.segment @b : inputs, base 1052672, size 256, type tensor<16x16xi8>
  gemmini.segment @c1 : outputs, base 1056768, size 256, type tensor<16x16xi8>
  gemmini.segment @c2 : outputs, base 1060864, size 256, type tensor<16x16xi8>
  gemmini.program @main {
    gemmini.config_ex dataflow = ws, a_stride = 1, c_stride = 1
    gemmini.config_st stride = 16, acc_scale = 1.0
    gemmini.config_ld stride = 16
    gemmini.config_ld id = 1, stride = 16
    gemmini.loop_ws_config_bounds pad_i = 0, pad_j = 0, pad_k = 0, i = 1, j = 1, k = 1
    gemmini.loop_ws_config_addrs_ab a = @a + 0, b = @b + 0
    gemmini.loop_ws_config_addrs_dc d = zeros, c = @c1 + 0
    gemmini.loop_ws_config_strides_ab a_stride = 16, b_stride = 16
    gemmini.loop_ws_config_strides_dc c_stride = 16
    gemmini.loop_ws
    gemmini.loop_ws_config_bounds pad_i = 0, pad_j = 0, pad_k = 0, i = 1, j = 1, k = 1
    gemmini.loop_ws_config_addrs_ab a = @a + 0, b = @b + 0
    gemmini.loop_ws_config_addrs_dc d = zeros, c = @c2 + 0
    gemmini.loop_ws_config_strides_ab a_stride = 16, b_stride = 16
    gemmini.loop_ws_config_strides_dc c_stride = 16
    gemmini.loop_ws
  }
}
