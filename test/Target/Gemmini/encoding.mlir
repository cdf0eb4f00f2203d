// RUN: tessel-translate --gemmini-to-asm %s | FileCheck %s
// The words of each instruction, computed by hand from the bit layouts of
// Gemmini's ISA (funct7; rs1/rs2 fields).

module {
  gemmini.segment @a : inputs, base 268435456, size 65536
  gemmini.program @enc {
    // CONFIG_EX: rs1 = acc_scale 0.5 (0x3f000000) << 32 | a_stride 1 << 16
    // | act 1 << 3 | ws << 2 | 0; rs2 = c_stride 1 << 48 | sys_shift 0.
    // CHECK: config_ex funct=0   rs1=0x3f0000000001000c rs2=0x0001000000000000
    gemmini.config_ex dataflow = ws, activation = 1, a_stride = 1, acc_scale = 0.5, c_stride = 1
    // CONFIG_LD: scale 1.0 (0x3f800000) << 32 | block_stride 16 << 16
    // | id 2 << 3 | shrunk << 2 | 1; rs2 = stride 64.
    // CHECK: config_ld funct=0   rs1=0x3f80000000100015 rs2=0x0000000000000040
    gemmini.config_ld id = 2, shrunk = true, block_stride = 16, stride = 64
    // CONFIG_ST: ocols 14 << 56 | orows 14 << 48 | pocols 7 << 40 | porows 7 << 32
    // | pool_out_dim 7 << 24 | lpad 1 << 10 | upad 1 << 8 | size 3 << 6
    // | stride 2 << 4 | 2; rs2 = acc_scale 1.0 << 32 | stride 64.
    // CHECK: config_st funct=0   rs1=0x0e0e0707070005e2 rs2=0x3f80000000000040
    gemmini.config_st pool_stride = 2, pool_size = 3, upper_pad = 1, left_pad = 1, pool_out_dim = 7, porows = 7, pocols = 7, orows = 14, ocols = 14, stride = 64
    // CONFIG_NORM: rs1 = q_const 44 << 32 | 3; rs2 = qc -28366 (0xffff9132)
    // << 32 | qb -161 (0xffffff5f): signed fields in two's complement.
    // CHECK: config_norm funct=0   rs1=0x0000002c00000003 rs2=0xffff9132ffffff5f
    gemmini.config_norm q_const = 44, qb = -161, qc = -28366
    // MVIN: rs1 = DRAM address; rs2 = rows 16 << 48 | cols 64 << 32 | row 5.
    // CHECK: mvin funct=2   rs1=0x0000000010000100 rs2=0x0010004000000005
    gemmini.mvin dram = @a + 256, local = spad[5], local_cols = 64, local_rows = 16
    // MVIN2 (funct 1): rs1 = @a + 4096 = 0x10000000 + 0x1000; rs2 = rows 8 << 48
    // | cols 32 (0x20) << 32 | row 100 (0x64).
    // CHECK: mvin2 funct=1   rs1=0x0000000010001000 rs2=0x0008002000000064
    gemmini.mvin2 dram = @a + 4096, local = spad[100], local_cols = 32, local_rows = 8
    // MVIN3 into the accumulator with accumulate: bits 31 and 30.
    // CHECK: mvin3 funct=14  rs1=0x0000000000000000 rs2=0x00100010c0000007
    gemmini.mvin3 dram = zeros, local = acc[7] accumulate, local_cols = 16, local_rows = 16
    // MVOUT reading raw accumulator values: bits 31 and 29.
    // CHECK: mvout funct=3   rs1=0x0000000010000000 rs2=0x00100010a0000000
    gemmini.mvout dram = @a, local = acc[0] full, local_cols = 16, local_rows = 16
    // PRELOAD of zeros (the garbage address) into C = acc[3].
    // CHECK: preload funct=6   rs1=0x00100010ffffffff rs2=0x0008000480000003
    gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[3], c_cols = 4, c_rows = 8
    // CHECK: compute_preloaded funct=4   rs1=0x0010001000000000 rs2=0x00100010ffffffff
    gemmini.compute_preloaded a = spad[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
    // CHECK: compute_accumulated funct=5   rs1=0x0010001000000010 rs2=0x00100010ffffffff
    gemmini.compute_accumulated a = spad[16], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
    // CHECK: flush funct=7   rs1=0x0000000000000001 rs2=0x0000000000000000
    gemmini.flush skip = true
    // LOOP_WS_CONFIG_BOUNDS: pad_K << 32 | pad_J << 16 | pad_I; K << 32 | J << 16 | I.
    // CHECK: loop_ws_config_bounds funct=9   rs1=0x0000000300020001 rs2=0x0000000600050004
    gemmini.loop_ws_config_bounds pad_i = 1, pad_j = 2, pad_k = 3, i = 4, j = 5, k = 6
    // ADDRS_AB: rs1 = A = 0x10000000 + 16; rs2 = B = 0x10000000 + 0x2000.
    // CHECK: loop_ws_config_addrs_ab funct=10  rs1=0x0000000010000010 rs2=0x0000000010002000
    gemmini.loop_ws_config_addrs_ab a = @a + 16, b = @a + 8192
    // ADDRS_DC: rs1 = D = 0 (no bias); rs2 = C = 4886718345 = 0x123456789.
    // CHECK: loop_ws_config_addrs_dc funct=11  rs1=0x0000000000000000 rs2=0x0000000123456789
    gemmini.loop_ws_config_addrs_dc d = zeros, c = addr(4886718345)
    // STRIDES_AB: rs1 = A stride 48 = 0x30; rs2 = B stride 2^32, all 64 bits.
    // CHECK: loop_ws_config_strides_ab funct=12  rs1=0x0000000000000030 rs2=0x0000000100000000
    gemmini.loop_ws_config_strides_ab a_stride = 48, b_stride = 4294967296
    // STRIDES_DC: rs1 = D stride 16 = 0x10; rs2 = C stride 2^40.
    // CHECK: loop_ws_config_strides_dc funct=13  rs1=0x0000000000000010 rs2=0x0000010000000000
    gemmini.loop_ws_config_strides_dc d_stride = 16, c_stride = 1099511627776
    // LOOP_WS: rs1 = a_spad_id 2 << 18 | b_spad_id 1 << 16 | act 1 << 8 | low_D << 2
    // | full_C << 1 | ex_accumulate; rs2 = resadd << 2 | Bt << 1.
    // CHECK: loop_ws funct=8   rs1=0x0000000000090107 rs2=0x0000000000000006
    gemmini.loop_ws ex_accumulate = true, full_c = true, low_d = true, activation = 1, b_spad_id = 1, a_spad_id = 2, b_transpose = true, is_resadd = true
    // LOOP_CONV_WS_CONFIG_1: och << 48 | ich << 32 | in_rows << 16 | batch;
    // pad << 56 | stride << 48 | out_cols << 32 | pool_out_rows << 16 | out_rows.
    // CHECK: loop_conv_ws_config_1 funct=16  rs1=0x0008000300100001 rs2=0x0101001000080010
    gemmini.loop_conv_ws_config_1 batch = 1, in_rows = 16, in_channels = 3, out_channels = 8, out_rows = 16, pool_out_rows = 8, out_cols = 16, stride = 1, pad = 1
    // C2: kdim 3 << 48 | pool_out_cols 7 << 32 | pool_size 3 << 16 | pool_stride 2 << 8
    // | pool_pad 1; batches 1 << 48 | porows 7 << 32 | pocols 7 << 16 | pochs 8.
    // CHECK: loop_conv_ws_config_2 funct=17  rs1=0x0003000700030201 rs2=0x0001000700070008
    gemmini.loop_conv_ws_config_2 pool_pad = 1, pool_stride = 2, pool_size = 3, pool_out_cols = 7, kernel_dim = 3, pochs = 8, pocols = 7, porows = 7, batches = 1
    // C3: krows 3 << 48 | kcols 3 << 32 | kchs 8 << 16 | lpad 1; rpad 4 << 48
    // | upad 3 << 32 | dpad 2 << 24 | plpad 1 << 16 | in_cols 16 (0x10).
    // CHECK: loop_conv_ws_config_3 funct=18  rs1=0x0003000300080001 rs2=0x0004000302010010
    gemmini.loop_conv_ws_config_3 lpad = 1, kchs = 8, kcols = 3, krows = 3, in_cols = 16, plpad = 1, dpad = 2, upad = 3, rpad = 4
    // LOOP_CONV_WS_CONFIG_4: orows << 48 | prpad << 32 | pupad << 21 | pdpad << 10 | kdilation.
    // CHECK: loop_conv_ws_config_4 funct=19  rs1=0x0010000100200401 rs2=0x0003000800080010
    gemmini.loop_conv_ws_config_4 kernel_dilation = 1, pdpad = 1, pupad = 1, prpad = 1, orows = 16, ocols = 16, out_stride = 8, weight_stride = 8, in_stride = 3
    // C5: rs1 = weights = 0x10000000 + 0x200; rs2 = output = 0x10000000 + 0x8000.
    // CHECK: loop_conv_ws_config_5 funct=20  rs1=0x0000000010000200 rs2=0x0000000010008000
    gemmini.loop_conv_ws_config_5 weights = @a + 512, output = @a + 32768
    // C6: rs1 = bias = 0x10000000 + 0x40; rs2 = input = 0x10000000 + 0x400.
    // CHECK: loop_conv_ws_config_6 funct=21  rs1=0x0000000010000040 rs2=0x0000000010000400
    gemmini.loop_conv_ws_config_6 bias = @a + 64, input = @a + 1024
    // LOOP_CONV_WS: rs1 = dw << 6 | no_bias; rs2 = act 1 << 3 | no_pool.
    // CHECK: loop_conv_ws funct=15  rs1=0x0000000000000041 rs2=0x0000000000000009
    gemmini.loop_conv_ws no_bias = true, dw = true, no_pool = true, activation = 1
    // CHECK: fence
    gemmini.fence
  }
}
