//===- QuantizedLinear.h - nn.conv/gemm/matmul on quantized types -*- C++ -*-===//
//
// The rules for the linear ops on quantized operands, shared by their
// verifiers, the interpreter's integer kernels and the quantization pass.
// Scaled formats (integers, flint, PoT, OVP) multiply integer images and
// accumulate exactly; the result is the accumulator itself (an i32
// !quant.uniform whose scale is the product of the operands' scales and
// units) or its float value. Block formats (MX, BFP) produce a float result.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_NN_IR_QUANTIZEDLINEAR_H
#define TESSEL_DIALECT_NN_IR_QUANTIZEDLINEAR_H

#include "tessel/Dialect/NN/IR/NNInterfaces.h"
#include "tessel/Dialect/QT/IR/FormatOf.h"

#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"

namespace mlir::tessel::nn {

/// The i32 accumulator element type of the product of `input` and `weight`
/// (scales: input scale x weight scale x their units), per channel along
/// `axis` when the weight has per-channel scales.
Type accumulatorType(MLIRContext *ctx, const qt::FormatOf &input,
                     const qt::FormatOf &weight, int64_t axis);

/// Whether `a` is a symmetric accumulator type agreeing with `b`: storage,
/// axis, and every scale within `tolerance` relative (the verifiers take
/// 1e-9, so hand-written products of decimal scales pass).
bool sameAccumulator(Type a, Type b, double tolerance);

/// Verifies the element types of a linear op (see the file comment).
LogicalResult verifyLinearElementTypes(LinearOpInterface op);

} // namespace mlir::tessel::nn

#endif // TESSEL_DIALECT_NN_IR_QUANTIZEDLINEAR_H
