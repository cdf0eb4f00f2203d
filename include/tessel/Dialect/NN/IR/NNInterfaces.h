//===- NNInterfaces.h - interfaces of nn operations -------------*- C++ -*-===//
#ifndef TESSEL_DIALECT_NN_IR_NNINTERFACES_H
#define TESSEL_DIALECT_NN_IR_NNINTERFACES_H

#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::tessel::qt {
struct FormatOf;
} // namespace mlir::tessel::qt

namespace mlir::tessel::nn {

/// How the array runs a linear layer.
enum class LinearKind { MatMul, Conv };

/// A linear layer as the accelerator sees it, from the op's static shapes
/// and attributes.
///
/// Both kinds state the layer as `count()` matrix products
/// C[m x n] (+)= A[m x k] * B[k x n], `k` being the contracted size:
/// - MatMul (nn.gemm, nn.matmul): `batch` products; A is the input, B the
///   weight, each stored transposed when `transposeA` / `transposeB`
///   (nn.gemm's trans_a / trans_b). nn.matmul's batch dimensions are folded
///   into `m` when the weight has none (or only 1s), so `batch` counts the
///   products left; the operands broadcast over them as numpy does. A 1-D
///   input gives m = 1, a 1-D weight n = 1.
/// - Conv (nn.conv): an input of `batch` x `inChannels` x `inputSize`
///   convolved with `outChannels` x (`inChannels` / `groups`) x
///   `kernelSize` filters; as products, one im2col product per group with
///   m = batch x output elements, n = outChannels / groups and
///   k = inChannels / groups x kernel elements.
struct LinearLayer {
  LinearKind kind = LinearKind::MatMul;

  int64_t batch = 1;
  int64_t m = 0, n = 0, k = 0;
  bool transposeA = false, transposeB = false;
  bool hasBias = false;

  // Conv only; the lists have one entry per spatial dimension (1 to 3).
  int64_t inChannels = 0, outChannels = 0, groups = 1;
  llvm::SmallVector<int64_t, 3> inputSize, kernelSize, outputSize;
  llvm::SmallVector<int64_t, 3> strides, dilations, padsBegin, padsEnd;

  /// The number of matrix products: `batch` (MatMul) or `groups` (Conv).
  int64_t count() const { return kind == LinearKind::Conv ? groups : batch; }
  int64_t spatialRank() const { return int64_t(inputSize.size()); }
  /// One group per input channel (the ONNX depthwise form); a single
  /// channel with one group is an ordinary convolution.
  bool isDepthwise() const {
    return kind == LinearKind::Conv && groups > 1 && groups == inChannels;
  }
};

} // namespace mlir::tessel::nn

#include "tessel/Dialect/NN/IR/NNInterfaces.h.inc"

#endif // TESSEL_DIALECT_NN_IR_NNINTERFACES_H
