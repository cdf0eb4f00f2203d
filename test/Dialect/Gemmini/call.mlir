// RUN: tessel-opt %s | FileCheck %s
// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// RUN: tessel-opt %s -mlir-print-op-generic | tessel-opt | FileCheck %s

gemmini.segment @a : inputs, base 4096, size 256, type tensor<16x16xi8>
gemmini.segment @raw : weights, base 8192, size 1024
gemmini.segment @c : outputs, base 12288, size 1024, type tensor<16x16xi32>
gemmini.segment @bytes : outputs, base 16384, size 64
gemmini.program @prog {
  gemmini.fence
}

// CHECK-LABEL: func.func @host
func.func @host(%x: tensor<16x16xi8>, %w: tensor<4x8xf32>) -> (tensor<16x16xi32>, tensor<64xui8>) {
  // CHECK: %[[R:.*]]:2 = gemmini.call @prog(@a = %{{.*}} : tensor<16x16xi8>, @raw = %{{.*}} : tensor<4x8xf32>) -> (@c : tensor<16x16xi32>, @bytes : tensor<64xui8>)
  %c, %b = gemmini.call @prog(@a = %x : tensor<16x16xi8>, @raw = %w : tensor<4x8xf32>) -> (@c : tensor<16x16xi32>, @bytes : tensor<64xui8>)
  // CHECK: gemmini.call @prog() -> () {note = "no data"}
  gemmini.call @prog() -> () {note = "no data"}
  return %c, %b : tensor<16x16xi32>, tensor<64xui8>
}
