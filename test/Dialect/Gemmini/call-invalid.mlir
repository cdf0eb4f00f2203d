// RUN: tessel-opt %s -split-input-file -verify-diagnostics

gemmini.segment @a : inputs, base 4096, size 256, type tensor<16x16xi8>
func.func @f(%x: tensor<16x16xi8>) {
  // expected-error @+1 {{calls @missing, which is not a gemmini.program}}
  gemmini.call @missing(@a = %x : tensor<16x16xi8>) -> ()
  return
}

// -----

gemmini.program @p {
}
func.func @f(%x: tensor<16x16xi8>) {
  // expected-error @+1 {{names @nowhere, which is not a segment}}
  gemmini.call @p(@nowhere = %x : tensor<16x16xi8>) -> ()
  return
}

// -----

gemmini.segment @a : inputs, base 4096, size 256, type tensor<16x16xi8>
gemmini.program @p {
}
func.func @f(%x: tensor<16x16xi32>) {
  // expected-error @+1 {{operand 'tensor<16x16xi32>' for segment @a, which holds 'tensor<16x16xi8>'}}
  gemmini.call @p(@a = %x : tensor<16x16xi32>) -> ()
  return
}

// -----

gemmini.segment @raw : outputs, base 4096, size 255
gemmini.program @p {
}
func.func @f() -> tensor<16x16xi8> {
  // expected-error @+1 {{result 'tensor<16x16xi8>' does not fit segment @raw of 255 bytes}}
  %r = gemmini.call @p() -> (@raw : tensor<16x16xi8>)
  return %r : tensor<16x16xi8>
}

// -----

gemmini.segment @a : inputs, base 4096, size 256, type tensor<16x16xi8>
gemmini.program @p {
}
func.func @f(%x: tensor<16x16xi8>) {
  // expected-error @+1 {{names segment @a twice}}
  gemmini.call @p(@a = %x : tensor<16x16xi8>, @a = %x : tensor<16x16xi8>) -> ()
  return
}

// -----

gemmini.segment @a : inputs, base 4096, size 256
gemmini.program @p {
}
func.func @f(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{moves integer or float tensors, not 'tensor<4x!quant.uniform<i8:f32, 5.000000e-01>>'}}
  gemmini.call @p(@a = %x : tensor<4x!quant.uniform<i8:f32, 0.5>>) -> ()
  return
}

// -----

gemmini.segment @a : inputs, base 4096, size 256
gemmini.program @p {
}
func.func @f(%x: tensor<4xi8>) {
  // expected-error @+1 {{names 0 input segments for 1 operands}}
  "gemmini.call"(%x) {program = @p, input_segments = [], output_segments = []} : (tensor<4xi8>) -> ()
  return
}

// -----

gemmini.segment @a : outputs, base 4096, size 256
gemmini.program @p {
}
func.func @f() {
  // expected-error @+1 {{names 1 output segments for 0 results}}
  "gemmini.call"() {program = @p, input_segments = [], output_segments = [@a]} : () -> ()
  return
}
