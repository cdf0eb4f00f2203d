// Invalid programs stop the simulator with an error at the instruction.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.ones((16, 16), np.int8)); np.save('%t/x32.npy', np.ones((16, 16), np.int32))"
// RUN: not tessel-run %s --entry read_before_write --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=RBW
// RUN: not tessel-run %s --entry no_config --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOCONFIG
// RUN: not tessel-run %s --entry no_preload --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOPRELOAD
// RUN: not tessel-run %s --entry outside --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=OUTSIDE
// RUN: not tessel-run %s --entry past_end --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=PASTEND
// RUN: not tessel-run %s --entry acc_cols --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=ACCCOLS
// RUN: not tessel-run %s --entry loop_too_big --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: not tessel-run %s --entry conv --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=CONV
// RUN: not tessel-run %s --entry conv_ex --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=CONVEX
// RUN: not tessel-run %s --entry conv_fit --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=CONVFIT
// RUN: not tessel-run %s --entry norm_slot --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NORMSLOT
// RUN: not tessel-run %s --entry norm_act --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NORMACT
// RUN: not tessel-run %s --entry pixels_past_row --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=PIXELS
// RUN: not tessel-run %s --entry pool_wide --input x=%t/x.npy 2>&1 | FileCheck %s --check-prefix=POOLWIDE
// RUN: not tessel-run %s --entry no_config --input x=%t/x32.npy 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not tessel-run %s --entry no_config 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not tessel-run %s --entry no_config --input x=%t/x.npy --input y=%t/x.npy 2>&1 | FileCheck %s --check-prefix=EXTRA

// RBW: errors.mlir:[[# @LINE + 5]]:3: error: instruction #2 (compute_preloaded): scratchpad row 16 is read before anything wrote it
gemmini.segment @x : inputs, base 4096, size 256, type tensor<16x16xi8>
gemmini.program @read_before_write {
  gemmini.config_ex dataflow = ws, a_stride = 1, c_stride = 1
  gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[0], c_cols = 16, c_rows = 16
  gemmini.compute_preloaded a = spad[16], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
}

// NOCONFIG: error: instruction #0 (mvin): mvin uses load state 0, which no config_ld has set
gemmini.program @no_config {
  gemmini.mvin dram = @x, local = spad[0], local_cols = 16, local_rows = 16
}

// NOPRELOAD: error: instruction #1 (compute_preloaded): compute without a preceding preload
gemmini.program @no_preload {
  gemmini.config_ex dataflow = ws, a_stride = 1, c_stride = 1
  gemmini.compute_preloaded a = garbage, a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
}

// OUTSIDE: error: instruction #1 (mvin): DRAM address 0x10 is outside every segment
gemmini.program @outside {
  gemmini.config_ld stride = 16
  gemmini.mvin dram = addr(16), local = spad[0], local_cols = 16, local_rows = 16
}

// PASTEND: error: instruction #1 (mvin): DRAM bytes 0x10f8..0x1107 run past the end of segment @x
gemmini.program @past_end {
  gemmini.config_ld stride = 16
  gemmini.mvin dram = @x + 8, local = spad[0], local_cols = 16, local_rows = 16
}

// An int32 move into the accumulator takes one block (max_block_len_acc).
// ACCCOLS: error: instruction #1 (mvin): mvin of 16x32 exceeds 16 rows or 16 columns
gemmini.program @acc_cols {
  gemmini.config_ld stride = 16
  gemmini.mvin dram = @x, local = acc[0], local_cols = 32, local_rows = 16
}

// LOOP: error: instruction #1 (loop_ws): loop_ws bounds I=20 J=20 K=1 do not fit half the scratchpad and accumulator
gemmini.program @loop_too_big {
  gemmini.loop_ws_config_bounds i = 20, j = 20, k = 1
  gemmini.loop_ws
}

// CONV: error: instruction #2 (loop_conv_ws): loop_conv_ws with input_dilated needs stride 1, got 2
gemmini.program @conv {
  gemmini.config_ex dataflow = ws
  gemmini.loop_conv_ws_config_1 batch = 1, stride = 2
  gemmini.loop_conv_ws input_dilated = true
}

// CONVEX: error: instruction #1 (loop_conv_ws): loop_conv_ws needs a weight-stationary config_ex
gemmini.program @conv_ex {
  gemmini.loop_conv_ws_config_1 stride = 2
  gemmini.loop_conv_ws
}

// CONVFIT: error: instruction #5 (loop_conv_ws): loop_conv_ws tile needs 32768 input rows from row 0 and 9 weight rows ending at row 8192, apart within the scratchpad's 16384 rows, and 31752 accumulator rows (at most half)
gemmini.program @conv_fit {
  gemmini.config_ex dataflow = ws
  gemmini.loop_conv_ws_config_1 batch = 1, stride = 1
  gemmini.loop_conv_ws_config_2 batches = 2, pochs = 1, kernel_dim = 3
  gemmini.loop_conv_ws_config_3 krows = 3, kcols = 3, kchs = 1
  gemmini.loop_conv_ws_config_4 orows = 126, ocols = 126
  gemmini.loop_conv_ws
}

// NORMSLOT: error: instruction #0 (config_norm): config_norm statistics slot 4 does not exist (Gemmini has 4)
gemmini.program @norm_slot {
  gemmini.config_norm stat_id = 4
}

// NORMACT: error: instruction #1 (config_norm): config_norm's act_msb turns activation 1 into 5, which does not exist
gemmini.program @norm_act {
  gemmini.config_st activation = 1
  gemmini.config_norm act_msb = true
}

// A pixel repeated twice with 12 columns would land in columns 12..23 of
// a 16-column row (Gemmini's model aborts there).
// PIXELS: error: instruction #1 (mvin): mvin with pixel_repeats = 2 of 12 columns runs past a row of 16
gemmini.program @pixels_past_row {
  gemmini.config_ld stride = 16, pixel_repeats = 2
  gemmini.mvin dram = @x, local = spad[4], local_cols = 12, local_rows = 4
}

// A pooled move out takes one row block's channels.
// POOLWIDE: error: instruction #3 (mvout): a pooled mvout moves at most 16 channels (one row block), not 32
gemmini.segment @pooled : outputs, base 8192, size 64, type tensor<2x32xi8>
gemmini.program @pool_wide {
  gemmini.config_ld stride = 16
  gemmini.mvin dram = @x, local = spad[0], local_cols = 16, local_rows = 16
  gemmini.config_st stride = 32, pool_stride = 1, pool_size = 2, pool_out_dim = 1, porows = 1, pocols = 1, orows = 2, ocols = 2
  gemmini.mvout dram = @pooled, local = spad[0], local_cols = 32, local_rows = 1
}

// TYPE: error: input for segment @x from {{.*}}x32.npy is tensor<16x16xi32>, the segment holds tensor<16x16xi8>
// MISSING: error: missing input for inputs segment @x, pass --input x=file.npy
// EXTRA: error: 'y' is not a segment of the program's module
