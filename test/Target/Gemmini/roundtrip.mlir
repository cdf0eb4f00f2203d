// Dialect -> program file -> dialect is the identity, and so is
// program file -> dialect -> program file.
// RUN: rm -rf %t && mkdir -p %t
// RUN: tessel-opt %s -o %t/orig.mlir
// RUN: tessel-translate --gemmini-to-bin %s -o %t/p.bin
// RUN: tessel-translate --import-gemmini-bin %t/p.bin | tessel-opt -o %t/back.mlir
// RUN: diff %t/orig.mlir %t/back.mlir
// RUN: tessel-translate --gemmini-to-bin %t/back.mlir -o %t/p2.bin
// RUN: cmp %t/p.bin %t/p2.bin

// The C emitted for the program, built against a header that records each
// command, issues exactly the program file's words.
// RUN: tessel-translate --gemmini-to-c %s -o %t/p.c
// RUN: printf '#include "%S/Inputs/gemmini-recorder.h"\n#include "%t/p.c"\nint main(void) { tessel_program_all(); return 0; }\n' > %t/main.c
// RUN: cc -std=c99 -Wall -Werror -o %t/p %t/main.c
// RUN: %t/p > %t/from-c.txt
// RUN: %python %S/Inputs/dump-bin.py %t/p.bin > %t/from-bin.txt
// RUN: diff %t/from-c.txt %t/from-bin.txt
// RUN: FileCheck %s --input-file=%t/from-c.txt
// CHECK-COUNT-30: {{^[0-9a-f]+ [0-9a-f]+ [0-9a-f]+$}}

module attributes {gemmini.target = #gemmini.target<dim = 8, acc_rows = 512>} {
  gemmini.segment @w : weights, base 4096, size 4096
  gemmini.segment @x : inputs, base 65536, size 1024
  gemmini.segment @y : outputs, base 131072, size 1024
  gemmini.program @all {
    gemmini.config_ex dataflow = os, activation = 1, a_transpose = true, b_transpose = true, a_stride = 2, acc_scale = 0.25, sys_shift = 3, relu6_shift = 4, c_stride = 5
    gemmini.config_ex dataflow = ws, set_only_strides = true
    gemmini.config_ld id = 2, shrunk = true, pixel_repeats = 3, block_stride = 8, scale = 0.5, stride = 64
    gemmini.config_st activation = 1, pool_stride = 2, pool_size = 3, upper_pad = 1, left_pad = 1, pool_out_dim = 7, porows = 7, pocols = 7, orows = 14, ocols = 14, stride = 64, acc_scale = 0.125
    gemmini.config_norm stat_id = 1, act_msb = true, set_stats_id_only = true, q_const_type = true, q_const = 5, qb = 6, qc = 7
    gemmini.config_norm q_const = -2147483648, qb = -161, qc = 2147483647
    gemmini.mvin dram = @x, local = spad[0], local_cols = 32, local_rows = 8
    gemmini.mvin2 dram = @w + 128, local = spad[64], local_cols = 8, local_rows = 8
    gemmini.mvin3 dram = zeros, local = acc[8] accumulate, local_cols = 8, local_rows = 8
    gemmini.mvin dram = addr(12288), local = spad[16], local_cols = 8, local_rows = 8
    gemmini.preload bd = garbage, bd_cols = 8, bd_rows = 8, c = acc[0], c_cols = 8, c_rows = 8
    gemmini.compute_preloaded a = spad[0], a_cols = 8, a_rows = 8, bd = spad[64], bd_cols = 8, bd_rows = 8
    gemmini.compute_accumulated a = spad[8], a_cols = 8, a_rows = 8, bd = garbage, bd_cols = 8, bd_rows = 8
    gemmini.mvout dram = @y + 8, local = acc[0] full norm(5), local_cols = 8, local_rows = 8
    gemmini.flush skip = true
    gemmini.fence
    gemmini.loop_ws_config_bounds pad_i = 1, pad_j = 2, pad_k = 3, i = 4, j = 5, k = 6
    gemmini.loop_ws_config_addrs_ab a = @x, b = @w
    gemmini.loop_ws_config_addrs_dc d = zeros, c = @y
    gemmini.loop_ws_config_strides_ab a_stride = 32, b_stride = 64
    gemmini.loop_ws_config_strides_dc d_stride = 64, c_stride = 64
    gemmini.loop_ws ex_accumulate = true, full_c = true, low_d = true, activation = 1, b_spad_id = 1, a_spad_id = 2, a_transpose = true, b_transpose = true, is_resadd = true
    gemmini.loop_conv_ws_config_1 batch = 1, in_rows = 16, in_channels = 3, out_channels = 8, out_rows = 16, pool_out_rows = 8, out_cols = 16, stride = 1, pad = 1
    gemmini.loop_conv_ws_config_2 pool_pad = 1, pool_stride = 2, pool_size = 3, pool_out_cols = 8, kernel_dim = 3, pochs = 8, pocols = 8, porows = 8, batches = 1
    gemmini.loop_conv_ws_config_3 lpad = 1, kchs = 3, kcols = 3, krows = 3, in_cols = 16, plpad = 1, dpad = 1, upad = 1, rpad = 1
    gemmini.loop_conv_ws_config_4 kernel_dilation = 1, pdpad = 1, pupad = 1, prpad = 1, orows = 16, ocols = 16, out_stride = 8, weight_stride = 8, in_stride = 3
    gemmini.loop_conv_ws_config_5 weights = @w, output = @y
    gemmini.loop_conv_ws_config_6 bias = zeros, input = @x
    gemmini.loop_conv_ws no_bias = true, wrot180 = true, trans_output_1203 = true, trans_weight_1203 = true, trans_weight_0132 = true, trans_input_3120 = true, dw = true, max_pixels_per_row = 2, b_spad_id = 1, a_spad_id = 1, no_pool = true, downsample = true, input_dilated = true, activation = 1
    gemmini.mvout dram = @y, local = spad[0], local_cols = 8, local_rows = 8
    gemmini.mvin dram = @x + 1023, local = spad[0], local_cols = 1, local_rows = 1
  }
}
