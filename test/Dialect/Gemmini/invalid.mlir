// RUN: tessel-opt %s -split-input-file -verify-diagnostics

gemmini.program @p {
  // expected-error @+1 {{activation = 4 does not fit its 2-bit field}}
  gemmini.config_ex dataflow = ws, activation = 4
}

// -----

gemmini.program @p {
  // expected-error @+1 {{dram: no DRAM segment @nothere}}
  gemmini.mvin dram = @nothere, local = spad[0], local_cols = 16, local_rows = 16
}

// -----

gemmini.segment @x : inputs, base 4096, size 256
gemmini.program @p {
  // One past the end is an address (nothing may be read there); past it is
  // not.
  // expected-error @+1 {{dram: offset 257 is outside segment @x (256 bytes)}}
  gemmini.mvin dram = @x + 257, local = spad[0], local_cols = 16, local_rows = 16
}

// -----

module attributes {gemmini.target = #gemmini.target<dataflows = "ws">} {
  gemmini.program @p {
    // expected-error @+1 {{the target has no output-stationary dataflow}}
    gemmini.config_ex dataflow = os
  }
}

// -----

module attributes {gemmini.target = #gemmini.target<dataflows = "os">} {
  gemmini.program @p {
    // expected-error @+1 {{the target has no weight-stationary dataflow}}
    gemmini.config_ex dataflow = ws
  }
}

// -----

gemmini.program @p {
  // expected-error @+1 {{output-stationary does not support transposing only B}}
  gemmini.config_ex dataflow = os, b_transpose = true
}

// -----

gemmini.program @p {
  // expected-error @+1 {{weight-stationary does not support transposing both A and B}}
  gemmini.config_ex dataflow = ws, a_transpose = true, b_transpose = true
}

// -----

gemmini.program @p {
  // expected-error @+1 {{load state id must be 0, 1 or 2}}
  gemmini.config_ld id = 3
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local_rows = 17 exceeds the array dimension 16}}
  gemmini.mvin dram = zeros, local = spad[0], local_cols = 16, local_rows = 17
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local_cols = 65 exceeds the limit of 64}}
  gemmini.mvin dram = zeros, local = spad[0], local_cols = 65, local_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local_cols = 32 exceeds the limit of 16}}
  gemmini.mvout dram = zeros, local = acc[0] full, local_cols = 32, local_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local cannot be the garbage address}}
  gemmini.mvin dram = zeros, local = garbage, local_cols = 16, local_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{bd cannot be in the accumulator}}
  gemmini.preload bd = acc[0], bd_cols = 16, bd_rows = 16, c = acc[0], c_cols = 16, c_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{a cannot be in the accumulator}}
  gemmini.compute_preloaded a = acc[0], a_cols = 16, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local: accumulate, full and norm apply to accumulator addresses only}}
  gemmini.mvin dram = zeros, local = spad[0] accumulate, local_cols = 16, local_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local rows 16380..16395 are past the scratchpad (16384 rows)}}
  gemmini.mvin dram = zeros, local = spad[16380], local_cols = 16, local_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{c rows 1020..1035 are past the accumulator (1024 rows)}}
  gemmini.preload bd = garbage, bd_cols = 16, bd_rows = 16, c = acc[1020], c_cols = 16, c_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{'arith.constant' op is not a gemmini instruction}}
  %0 = arith.constant 0 : i32
}

// -----

// expected-error @+1 {{size must be positive}}
gemmini.segment @x : inputs, base 4096, size 0

// -----

// expected-error @+1 {{base must be positive (address 0 means zeros)}}
gemmini.segment @x : inputs, base 0, size 16

// -----

// expected-error @+1 {{size must be positive}}
gemmini.segment @x : inputs, base 4096, size -16

// -----

// expected-error @+1 {{base must be positive (address 0 means zeros)}}
gemmini.segment @x : inputs, base -4096, size 16

// -----

// expected-error @+1 {{ends past the 64-bit address space}}
gemmini.segment @x : inputs, base 4096, size 9223372036854775807

// -----

// expected-error @+1 {{type 'tensor<4611686018427387904x4xi8>' has more than 2^63 bytes}}
gemmini.segment @x : inputs, base 4096, size 16, type tensor<4611686018427387904x4xi8>

// -----

gemmini.segment @x : inputs, base 4096, size 256
// expected-error @+1 {{overlaps segment @x}}
gemmini.segment @y : outputs, base 4351, size 16

// -----

// expected-error @+1 {{kind must be weights, inputs, outputs or scratch}}
"gemmini.segment"() {sym_name = "x", kind = "code", base = 4096 : i64, size = 16 : i64} : () -> ()

// -----

// expected-error @+1 {{segment kind must be weights, inputs, outputs or scratch}}
gemmini.segment @x : code, base 4096, size 16

// -----

// expected-error @+1 {{expects parent op 'gemmini.program'}}
gemmini.fence

// -----

gemmini.program @p {
  // expected-error @+1 {{unknown field 'rows' of gemmini.mvin}}
  gemmini.mvin dram = zeros, rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{field 'dram' given twice}}
  gemmini.mvin dram = zeros, dram = zeros
}

// -----

gemmini.program @p {
  // expected-error @+1 {{expected os or ws}}
  gemmini.config_ex dataflow = is
}

// -----

gemmini.program @p {
  // expected-error @+1 {{expected true or false}}
  gemmini.flush skip = yes
}

// -----

gemmini.program @p {
  // expected-error @+1 {{expected spad[row], acc[row] or garbage}}
  gemmini.mvin dram = zeros, local = dram[0]
}

// -----

gemmini.program @p {
  // expected-error @+1 {{row must be in [0, 2^26)}}
  gemmini.mvin dram = zeros, local = spad[67108864]
}

// -----

gemmini.program @p {
  // expected-error @+1 {{norm must be in [0, 7]}}
  gemmini.mvout dram = zeros, local = acc[0] norm(8)
}

// -----

// expected-error @+1 {{dim must be in 1..256, got 0}}
module attributes {gemmini.target = #gemmini.target<dim = 0>} {}

// -----

// expected-error @+1 {{acc_rows must be positive, got 0}}
module attributes {gemmini.target = #gemmini.target<acc_rows = 0>} {}

// -----

// expected-error @+1 {{dram_latency must not be negative}}
module attributes {gemmini.target = #gemmini.target<dram_latency = -1>} {}

// -----

// expected-error @+1 {{memories above 2^26 rows do not fit a local address}}
module attributes {gemmini.target = #gemmini.target<spad_bank_rows = 33554432>} {}

// -----

// expected-error @+1 {{only int8 inputs with int32 accumulators are supported, got input_bits = 16, acc_bits = 32}}
module attributes {gemmini.target = #gemmini.target<input_bits = 16>} {}

// -----

// expected-error @+1 {{dataflows must be os, ws or both, got 'rs'}}
module attributes {gemmini.target = #gemmini.target<dataflows = "rs">} {}

// -----

gemmini.program @p {
  // expected-error @+1 {{dram: negative DRAM address}}
  gemmini.mvin dram = addr(18446744073709551615), local = spad[0], local_cols = 16, local_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{qb = 2147483648 does not fit its signed 32-bit field}}
  gemmini.config_norm qb = 2147483648
}

// -----

// Bank count times bank rows would wrap to a small number.
// expected-error @+1 {{memories above 2^26 rows do not fit a local address}}
module attributes {gemmini.target = #gemmini.target<spad_banks = 4611686018427387904, spad_bank_rows = 4>} {}


// -----

// expected-error @+1 {{type must have whole-byte integer or float elements, got 'tensor<8xi4>'}}
gemmini.segment @x : inputs, base 4096, size 16, type tensor<8xi4>

// -----

// 16x16 i32 elements are 16 * 16 * 4 = 1024 bytes.
// expected-error @+1 {{type 'tensor<16x16xi32>' needs 1024 bytes, more than the 256 of the segment}}
gemmini.segment @x : inputs, base 4096, size 256, type tensor<16x16xi32>

// -----

// The instructions without a verifyFields of their own: the field checks
// every op shares. loop_ws_config_strides_ab/_dc have only 64-bit fields,
// which every value fits: no verifier message reaches them.

gemmini.program @p {
  // expected-error @+1 {{pool_stride = 4 does not fit its 2-bit field}}
  gemmini.config_st pool_stride = 4
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local rows 1020..1035 are past the accumulator (1024 rows)}}
  gemmini.mvin2 dram = zeros, local = acc[1020], local_cols = 16, local_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{local_rows = 17 exceeds the array dimension 16}}
  gemmini.mvin3 dram = zeros, local = spad[0], local_cols = 16, local_rows = 17
}

// -----

gemmini.program @p {
  // expected-error @+1 {{a_cols = 17 exceeds the limit of 16}}
  gemmini.compute_accumulated a = spad[0], a_cols = 17, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{bd cannot be in the accumulator}}
  gemmini.compute_accumulated a = spad[0], a_cols = 16, a_rows = 16, bd = acc[0], bd_cols = 16, bd_rows = 16
}

// -----

gemmini.program @p {
  // expected-error @+1 {{k = 65536 does not fit its 16-bit field}}
  gemmini.loop_ws_config_bounds i = 1, j = 1, k = 65536
}

// -----

gemmini.program @p {
  // expected-error @+1 {{b: no DRAM segment @nothere}}
  gemmini.loop_ws_config_addrs_ab a = zeros, b = @nothere
}

// -----

gemmini.segment @x : outputs, base 4096, size 256
gemmini.program @p {
  // expected-error @+1 {{c: offset 257 is outside segment @x (256 bytes)}}
  gemmini.loop_ws_config_addrs_dc d = zeros, c = @x + 257
}

// -----

gemmini.program @p {
  // expected-error @+1 {{a_spad_id = 4 does not fit its 2-bit field}}
  gemmini.loop_ws a_spad_id = 4
}

// -----

gemmini.program @p {
  // expected-error @+1 {{stride = 256 does not fit its 8-bit field}}
  gemmini.loop_conv_ws_config_1 stride = 256
}

// -----

gemmini.program @p {
  // expected-error @+1 {{pool_size = 65536 does not fit its 16-bit field}}
  gemmini.loop_conv_ws_config_2 pool_size = 65536
}

// -----

gemmini.program @p {
  // expected-error @+1 {{plpad = 256 does not fit its 8-bit field}}
  gemmini.loop_conv_ws_config_3 plpad = 256
}

// -----

gemmini.program @p {
  // expected-error @+1 {{kernel_dilation = 1024 does not fit its 10-bit field}}
  gemmini.loop_conv_ws_config_4 kernel_dilation = 1024
}

// -----

gemmini.program @p {
  // expected-error @+1 {{weights: no DRAM segment @nothere}}
  gemmini.loop_conv_ws_config_5 weights = @nothere, output = zeros
}

// -----

gemmini.program @p {
  // expected-error @+1 {{bias: negative DRAM address}}
  gemmini.loop_conv_ws_config_6 bias = addr(18446744073709551615), input = zeros
}

// -----

gemmini.program @p {
  // expected-error @+1 {{activation = 4 does not fit its 2-bit field}}
  gemmini.loop_conv_ws activation = 4
}

// -----

// A compute operand reads its rows, or its columns' worth when config_ex
// transposes it: past the scratchpad either way is an error.
gemmini.program @p {
  // expected-error @+1 {{a rows 16383..16384 are past the scratchpad (16384 rows)}}
  gemmini.compute_preloaded a = spad[16383], a_cols = 2, a_rows = 16, bd = garbage, bd_cols = 16, bd_rows = 16
}
