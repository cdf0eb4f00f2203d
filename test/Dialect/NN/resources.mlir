// Weights held in dense_resource blobs print and parse back unchanged, in
// text and in bytecode.
// RUN: tessel-opt %s | tessel-opt | FileCheck %s
// RUN: tessel-opt %s -emit-bytecode | tessel-opt | FileCheck %s

// CHECK-LABEL: func @weights
// CHECK: nn.constant dense_resource<conv1.weight> : tensor<2x2xf32>
// CHECK: dialect_resources
// CHECK-NEXT: builtin
// CHECK-NEXT: conv1.weight: "0x040000000000803F000000400000404000008040"
func.func @weights() -> tensor<2x2xf32> {
  %w = nn.constant dense_resource<conv1.weight> : tensor<2x2xf32>
  return %w : tensor<2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      conv1.weight: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
