// RUN: tessel-opt %s -split-input-file -verify-diagnostics

func.func @rank(%a: tensor<4xi8>, %b: tensor<4x2xi8>) -> tensor<2xi32> {
  // expected-error @+1 {{a must have rank 2 or more, got rank 1}}
  %0 = tile.matmul %a, %b : (tensor<4xi8>, tensor<4x2xi8>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @b_rank(%a: tensor<2x4x3xi8>, %b: tensor<1x1x3x2xi8>) -> tensor<2x4x2xi32> {
  // expected-error @+1 {{b must have rank 2 (shared) or a's rank 3, got rank 4}}
  %0 = tile.matmul %a, %b : (tensor<2x4x3xi8>, tensor<1x1x3x2xi8>) -> tensor<2x4x2xi32>
  return %0 : tensor<2x4x2xi32>
}

// -----

func.func @batch(%a: tensor<2x4x3xi8>, %b: tensor<3x3x2xi8>) -> tensor<2x4x2xi32> {
  // expected-error @+1 {{batch dimensions of a (2) and b (3) differ}}
  %0 = tile.matmul %a, %b : (tensor<2x4x3xi8>, tensor<3x3x2xi8>) -> tensor<2x4x2xi32>
  return %0 : tensor<2x4x2xi32>
}

// -----

func.func @contracted(%a: tensor<4x3xi8>, %b: tensor<2x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{contracted sizes differ: a has 3 columns, b has 2 rows}}
  %0 = tile.matmul %a, %b : (tensor<4x3xi8>, tensor<2x2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @shape(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x3xi32> {
  // expected-error @+1 {{result shape must be 4x2, got 4x3}}
  %0 = tile.matmul %a, %b : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

func.func @empty(%a: tensor<0x3xi8>, %b: tensor<3x2xi8>) -> tensor<0x2xi32> {
  // expected-error @+1 {{has an empty dimension}}
  %0 = tile.matmul %a, %b : (tensor<0x3xi8>, tensor<3x2xi8>) -> tensor<0x2xi32>
  return %0 : tensor<0x2xi32>
}

// -----

func.func @bias(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>, %c: tensor<3xi32>) -> tensor<4x2xi32> {
  // expected-error @+1 {{bias must be tensor<2xi32> (one per output channel) or tensor<4x2xi32> (one per result element), got 'tensor<3xi32>'}}
  %0 = tile.matmul %a, %b, %c : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<3xi32>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @scaled_i32(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{with acc_scale the result holds int8, not 'i32'}}
  %0 = tile.matmul %a, %b {acc_scale = array<f32: 0.5>} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @scale_count(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi8> {
  // expected-error @+1 {{acc_scale has 3 scales; expected 1 or one per channel (2)}}
  %0 = tile.matmul %a, %b {acc_scale = array<f32: 0.5, 0.5, 0.5>} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @scale_value(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi8> {
  // expected-error @+1 {{acc_scale 0.000000e+00 is not a positive finite number}}
  %0 = tile.matmul %a, %b {acc_scale = array<f32: 0.0>} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @raw_i8(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi8> {
  // expected-error @+1 {{without acc_scale the result is the int32 accumulator, not 'i8'}}
  %0 = tile.matmul %a, %b : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @raw_relu(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{the raw accumulator is not activated: an activation needs acc_scale}}
  %0 = tile.matmul %a, %b activation relu : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @tiles(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{tiles must be three block counts (I, J, K) in 1..65535}}
  %0 = tile.matmul %a, %b {tiles = array<i64: 1, 0, 1>} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @estimate(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{estimated_cycles must not be negative}}
  %0 = tile.matmul %a, %b {tiles = array<i64: 1, 1, 1>, estimated_cycles = -1} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @element(%a: tensor<4x3xf32>, %b: tensor<3x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 8-bit signless integer values}}
  %0 = tile.matmul %a, %b : (tensor<4x3xf32>, tensor<3x2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @activation(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi8> {
  // expected-error @+2 {{expected ::mlir::tessel::tile::Activation to be one of: none, relu}}
  // expected-error @+1 {{failed to parse Tile_ActivationAttr parameter 'value'}}
  %0 = tile.matmul %a, %b activation gelu {acc_scale = array<f32: 1.0>} : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @conv_rank(%x: tensor<3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32> {
  // expected-error @+1 {{input and weight must have rank 4 (NCHW, OIHW)}}
  %0 = tile.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

func.func @conv_groups(%x: tensor<1x3x8x8xi8>, %w: tensor<4x1x3x3xi8>) -> tensor<1x4x6x6xi32> {
  // expected-error @+1 {{groups 2 must divide the input channels (3) and the output channels (4)}}
  %0 = tile.conv %x, %w {groups = 2 : i64, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x1x3x3xi8>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

func.func @conv_channels(%x: tensor<1x4x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32> {
  // expected-error @+1 {{weight has 3 input channels per group; the input has 4 channels in 1 groups}}
  %0 = tile.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

func.func @conv_window(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32> {
  // expected-error @+1 {{stride}}
  %0 = tile.conv %x, %w {strides = array<i64: 0, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

func.func @conv_shape(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x8x8xi32> {
  // expected-error @+1 {{result shape must be 1x4x6x6, got 1x4x8x8}}
  %0 = tile.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x8x8xi32>
  return %0 : tensor<1x4x8x8xi32>
}

// -----

func.func @conv_tiles(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi8> {
  // expected-error @+1 {{tiles must be seven sizes (batches, pooled output rows and columns, output channels, kernel rows and columns, input channels) in 1..65535}}
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, tiles = array<i64: 1, 6, 6, 4, 3, 3>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi8>
  return %0 : tensor<1x4x6x6xi8>
}

// -----

func.func @conv_pool_window(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi8> {
  // expected-error @+1 {{pool must be a window size in 1..65535, a stride in 1..255 and a padding in 0..255}}
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, pool = array<i64: 3, 0, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi8>
  return %0 : tensor<1x4x6x6xi8>
}

// -----

func.func @conv_pool_raw(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x3x3xi32> {
  // expected-error @+1 {{pool needs acc_scale: the store path pools the int8 result}}
  %0 = tile.conv %x, %w {pool = array<i64: 2, 2, 0>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x3x3xi32>
  return %0 : tensor<1x4x3x3xi32>
}

// -----

func.func @conv_pool_size(%x: tensor<1x3x4x4xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x1x1xi8> {
  // expected-error @+1 {{pool window 5 exceeds the padded output (4)}}
  %0 = tile.conv %x, %w {acc_scale = array<f32: 0.5>, pool = array<i64: 5, 1, 1>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x4x4xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x1x1xi8>
  return %0 : tensor<1x4x1x1xi8>
}

// -----

func.func @conv_bias(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>, %b: tensor<1x4xi32>) -> tensor<1x4x6x6xi32> {
  // expected-error @+1 {{bias must be tensor<4xi32> (one per output channel), got 'tensor<1x4xi32>'}}
  %0 = tile.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>, tensor<1x4xi32>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

func.func @im2col_rank(%x: tensor<3x8x8xi8>) -> tensor<36x27xi8> {
  // expected-error @+1 {{input must have rank 4 (NCHW), got rank 3}}
  %0 = tile.im2col %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<3x8x8xi8> -> tensor<36x27xi8>
  return %0 : tensor<36x27xi8>
}

// -----

func.func @im2col_kernel(%x: tensor<1x3x8x8xi8>) -> tensor<36x27xi8> {
  // expected-error @+1 {{kernel must be two positive sizes}}
  %0 = tile.im2col %x {kernel = array<i64: 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x3x8x8xi8> -> tensor<36x27xi8>
  return %0 : tensor<36x27xi8>
}

// -----

func.func @im2col_type(%x: tensor<1x3x8x8xi8>) -> tensor<36x27xi32> {
  // expected-error @+1 {{result element type must be the input's}}
  %0 = tile.im2col %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x3x8x8xi8> -> tensor<36x27xi32>
  return %0 : tensor<36x27xi32>
}

// -----

func.func @im2col_window(%x: tensor<1x3x8x8xi8>) -> tensor<36x27xi8> {
  // expected-error @+1 {{pads}}
  %0 = tile.im2col %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x3x8x8xi8> -> tensor<36x27xi8>
  return %0 : tensor<36x27xi8>
}

// -----

func.func @im2col_shape(%x: tensor<1x3x8x8xi8>) -> tensor<64x27xi8> {
  // expected-error @+1 {{result shape must be 36x27, got 64x27}}
  %0 = tile.im2col %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : tensor<1x3x8x8xi8> -> tensor<64x27xi8>
  return %0 : tensor<64x27xi8>
}

// -----

func.func @requantize_shape(%x: tensor<4x2xi32>) -> tensor<2x4xi8> {
  // expected-error @+1 {{result shape must be the input's}}
  %0 = tile.requantize %x {acc_scale = array<f32: 1.0>} : tensor<4x2xi32> -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

func.func @requantize_axis(%x: tensor<4x2xi32>) -> tensor<4x2xi8> {
  // expected-error @+1 {{axis 2 is outside rank 2}}
  %0 = tile.requantize %x {acc_scale = array<f32: 1.0>, axis = 2 : i64} : tensor<4x2xi32> -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @requantize_scales(%x: tensor<4x2xi32>) -> tensor<4x2xi8> {
  // expected-error @+1 {{acc_scale has 2 scales; expected 1 or one per channel (4)}}
  %0 = tile.requantize %x {acc_scale = array<f32: 1.0, 2.0>} : tensor<4x2xi32> -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @full_bias(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>, %c: tensor<2x4xi32>) -> tensor<4x2xi32> {
  // expected-error @+1 {{bias must be tensor<2xi32> (one per output channel) or tensor<4x2xi32> (one per result element), got 'tensor<2x4xi32>'}}
  %0 = tile.matmul %a, %b, %c : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<2x4xi32>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

func.func @batched_bias(%a: tensor<2x4x3xi8>, %b: tensor<2x3x5xi8>, %c: tensor<3x5xi32>) -> tensor<2x4x5xi32> {
  // expected-error @+1 {{a batched bias must be tensor<2x5xi32> (one per batch element and output channel), got 'tensor<3x5xi32>'}}
  %0 = tile.matmul %a, %b, %c : (tensor<2x4x3xi8>, tensor<2x3x5xi8>, tensor<3x5xi32>) -> tensor<2x4x5xi32>
  return %0 : tensor<2x4x5xi32>
}

// -----

func.func @dataflow(%a: tensor<4x3xi8>, %b: tensor<3x2xi8>) -> tensor<4x2xi32> {
  // expected-error @+2 {{expected ::mlir::tessel::tile::Dataflow to be one of: ws, os}}
  // expected-error @+1 {{failed to parse Tile_DataflowAttr parameter 'value'}}
  %0 = tile.matmul %a, %b dataflow rs : (tensor<4x3xi8>, tensor<3x2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}
