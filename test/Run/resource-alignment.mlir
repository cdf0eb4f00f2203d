// A dense_resource blob whose first 4 bytes (its alignment) are 0, found
// by the run-front fuzzer: MLIR's parser would ask the allocator for
// alignment 0 and abort. tessel-run refuses it at the blob; a valid
// alignment still parses. (Other powers of two and non-powers are MLIR's
// own checks.)
// RUN: not tessel-run %s 2>&1 | FileCheck %s
// RUN: sed 's/"0x00000000/"0x04000000/' %s > %t.mlir
// RUN: tessel-run %t.mlir --entry weights | FileCheck %s --check-prefix=VALID
// CHECK: resource-alignment.mlir:[[@LINE+10]]:21: error: resource blob's alignment (its first 4 bytes) is 0; it must be a power of two
// VALID: result0: tensor<2x2xf32> [1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]
func.func @weights() -> tensor<2x2xf32> {
  %w = nn.constant dense_resource<conv1.weight> : tensor<2x2xf32>
  return %w : tensor<2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      conv1.weight: "0x000000000000803F000000400000404000008040"
    }
  }
#-}
