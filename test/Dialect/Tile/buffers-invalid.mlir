// RUN: tessel-opt %s -split-input-file -verify-diagnostics

func.func @load_elem(%x: tensor<16x16xi8>) -> tensor<16x16xi32, #tile.memory<acc>> {
  // expected-error @+1 {{source holds 'i8' but the buffer holds 'i32' (int8 for the scratchpad, int32 for the accumulator)}}
  %0 = tile.load %x [0, 0] : tensor<16x16xi8> -> tensor<16x16xi32, #tile.memory<acc>>
  return %0 : tensor<16x16xi32, #tile.memory<acc>>
}

// -----

func.func @load_broadcast_spad(%x: tensor<16x16xi8>) -> tensor<16x16xi8, #tile.memory<spad>> {
  // expected-error @+1 {{broadcast repeats a bias row, which loads into the accumulator}}
  %0 = tile.load %x [0, 0] broadcast : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  return %0 : tensor<16x16xi8, #tile.memory<spad>>
}

// -----

func.func @load_offsets(%x: tensor<16x16xi8>) -> tensor<16x16xi8, #tile.memory<spad>> {
  // expected-error @+1 {{offsets must be a row and a column, got 3 values}}
  %0 = tile.load %x [0, 0, 0] : tensor<16x16xi8> -> tensor<16x16xi8, #tile.memory<spad>>
  return %0 : tensor<16x16xi8, #tile.memory<spad>>
}

// -----

// Rows are every dimension but the last: 2 x 20 = 40.
func.func @load_window(%x: tensor<2x20x40xi8>) -> tensor<16x32xi8, #tile.memory<spad>> {
  // expected-error @+1 {{rows [32, 48) and columns [8, 40) are outside the source's 40x40 matrix}}
  %0 = tile.load %x [32, 8] : tensor<2x20x40xi8> -> tensor<16x32xi8, #tile.memory<spad>>
  return %0 : tensor<16x32xi8, #tile.memory<spad>>
}

// -----

// A broadcast reads one row: row 24 of 24 is outside.
func.func @load_broadcast_row(%x: tensor<24x8xi32>) -> tensor<16x8xi32, #tile.memory<acc>> {
  // expected-error @+1 {{rows [24, 25) and columns [0, 8) are outside the source's 24x8 matrix}}
  %0 = tile.load %x [24, 0] broadcast : tensor<24x8xi32> -> tensor<16x8xi32, #tile.memory<acc>>
  return %0 : tensor<16x8xi32, #tile.memory<acc>>
}

// -----

func.func @load_overflow(%x: tensor<4611686018427387904x4x2xi8>) -> tensor<1x2xi8, #tile.memory<spad>> {
  // expected-error @+1 {{the source's size overflows 64 bits}}
  %0 = tile.load %x [0, 0] : tensor<4611686018427387904x4x2xi8> -> tensor<1x2xi8, #tile.memory<spad>>
  return %0 : tensor<1x2xi8, #tile.memory<spad>>
}

// -----

func.func @load_from_chip(%x: tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi8, #tile.memory<spad>> {
  // expected-error @+1 {{operand #0 must be a DRAM tensor of int8 or int32 (no memory encoding)}}
  %0 = tile.load %x [0, 0] : tensor<16x16xi8, #tile.memory<spad>> -> tensor<16x16xi8, #tile.memory<spad>>
  return %0 : tensor<16x16xi8, #tile.memory<spad>>
}

// -----

func.func @load_spad_i32(%x: tensor<16x16xi32>) -> tensor<16x16xi32, #tile.memory<spad>> {
  // expected-error @+1 {{result #0 must be an int8 scratchpad tile (tensor<RxCxi8, #tile.memory<spad>>) or an int32 accumulator tile (tensor<RxCxi32, #tile.memory<acc>>)}}
  %0 = tile.load %x [0, 0] : tensor<16x16xi32> -> tensor<16x16xi32, #tile.memory<spad>>
  return %0 : tensor<16x16xi32, #tile.memory<spad>>
}

// -----

func.func @compute_k(%a: tensor<16x8xi8, #tile.memory<spad>>, %b: tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>> {
  // expected-error @+1 {{contracted sizes differ: a has 8 columns, b has 16 rows}}
  %0 = tile.compute %a, %b : (tensor<16x8xi8, #tile.memory<spad>>, tensor<16x16xi8, #tile.memory<spad>>) -> tensor<16x16xi32, #tile.memory<acc>>
  return %0 : tensor<16x16xi32, #tile.memory<acc>>
}

// -----

func.func @compute_result(%a: tensor<16x8xi8, #tile.memory<spad>>, %b: tensor<8x16xi8, #tile.memory<spad>>) -> tensor<8x16xi32, #tile.memory<acc>> {
  // expected-error @+1 {{result must be 16x16 (a's rows, b's columns), got 8x16}}
  %0 = tile.compute %a, %b : (tensor<16x8xi8, #tile.memory<spad>>, tensor<8x16xi8, #tile.memory<spad>>) -> tensor<8x16xi32, #tile.memory<acc>>
  return %0 : tensor<8x16xi32, #tile.memory<acc>>
}

// -----

func.func @compute_acc(%a: tensor<16x8xi8, #tile.memory<spad>>, %b: tensor<8x16xi8, #tile.memory<spad>>, %c: tensor<16x8xi32, #tile.memory<acc>>) -> tensor<16x16xi32, #tile.memory<acc>> {
  // expected-error @+1 {{acc must have the result's type}}
  %0 = tile.compute %a, %b, %c : (tensor<16x8xi8, #tile.memory<spad>>, tensor<8x16xi8, #tile.memory<spad>>, tensor<16x8xi32, #tile.memory<acc>>) -> tensor<16x16xi32, #tile.memory<acc>>
  return %0 : tensor<16x16xi32, #tile.memory<acc>>
}

// -----

func.func @store_scaled_i32(%c: tensor<16x16xi32, #tile.memory<acc>>, %d: tensor<16x16xi32>) -> tensor<16x16xi32> {
  // expected-error @+1 {{with acc_scale the destination holds int8, not 'i32'}}
  %0 = tile.store %c into %d [0, 0] {acc_scale = 0.5 : f32} : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

func.func @store_scale(%c: tensor<16x16xi32, #tile.memory<acc>>, %d: tensor<16x16xi8>) -> tensor<16x16xi8> {
  // expected-error @+1 {{acc_scale -5.000000e-01 is not a positive finite number}}
  %0 = tile.store %c into %d [0, 0] {acc_scale = -0.5 : f32} : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi8>
  return %0 : tensor<16x16xi8>
}

// -----

func.func @store_raw_i8(%c: tensor<16x16xi32, #tile.memory<acc>>, %d: tensor<16x16xi8>) -> tensor<16x16xi8> {
  // expected-error @+1 {{without acc_scale the destination holds the int32 accumulators, not 'i8'}}
  %0 = tile.store %c into %d [0, 0] : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi8>
  return %0 : tensor<16x16xi8>
}

// -----

func.func @store_raw_relu(%c: tensor<16x16xi32, #tile.memory<acc>>, %d: tensor<16x16xi32>) -> tensor<16x16xi32> {
  // expected-error @+1 {{the raw accumulator is not activated: an activation needs acc_scale}}
  %0 = tile.store %c into %d [0, 0] activation relu : tensor<16x16xi32, #tile.memory<acc>> into tensor<16x16xi32>
  return %0 : tensor<16x16xi32>
}

// -----

func.func @store_window(%c: tensor<16x16xi32, #tile.memory<acc>>, %d: tensor<20x20xi32>) -> tensor<20x20xi32> {
  // expected-error @+1 {{rows [0, 16) and columns [8, 24) are outside the destination's 20x20 matrix}}
  %0 = tile.store %c into %d [0, 8] : tensor<16x16xi32, #tile.memory<acc>> into tensor<20x20xi32>
  return %0 : tensor<20x20xi32>
}

// -----

func.func @dram_on_chip() -> tensor<16x16xi8, #tile.memory<spad>> {
  // expected-error @+1 {{result #0 must be a DRAM tensor of int8 or int32 (no memory encoding)}}
  %0 = tile.dram : tensor<16x16xi8, #tile.memory<spad>>
  return %0 : tensor<16x16xi8, #tile.memory<spad>>
}

// -----

func.func @dram_overflow() -> tensor<4611686018427387904x4xi32> {
  // expected-error @+1 {{the region's size overflows 64 bits}}
  %0 = tile.dram : tensor<4611686018427387904x4xi32>
  return %0 : tensor<4611686018427387904x4xi32>
}
