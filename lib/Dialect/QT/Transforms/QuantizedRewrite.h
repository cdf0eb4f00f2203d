//===- QuantizedRewrite.h - a float linear op made quantized -----*- C++ -*-===//
//
// The one rewrite both --qt-quantize and --qt-from-qdq end with: a
// float nn.conv/gemm/matmul becomes the same op on quantized operands,
// producing the i32 accumulator (dequantized for its float users) or a float
// result.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_DIALECT_QT_TRANSFORMS_QUANTIZEDREWRITE_H
#define TESSEL_LIB_DIALECT_QT_TRANSFORMS_QUANTIZEDREWRITE_H

#include "tessel/Dialect/NN/IR/QuantizedLinear.h"

#include "mlir/IR/Builders.h"

namespace mlir::tessel::qt {

/// Whether the product of `input` and `weight` over `contracted` terms
/// provably fits an i32 accumulator (scaled formats only).
bool fitsAccumulator(const FormatOf &input, const FormatOf &weight,
                     int64_t contracted);

/// Replaces the float linear `op` by the same op on `input` and `weight`
/// (quantized values). With an `accumulator` element type, the result is
/// that accumulator followed by qt.dequantize and `bias` must be in the
/// accumulator's bias type (or null); with a null one the result is float
/// and `bias` the float one (or null). Returns the new op, or null (with
/// the verifier's error emitted) if it does not verify.
Operation *replaceWithQuantized(nn::LinearOpInterface op, Value input,
                                Value weight, Value bias, Type accumulator);

} // namespace mlir::tessel::qt

#endif // TESSEL_LIB_DIALECT_QT_TRANSFORMS_QUANTIZEDREWRITE_H
