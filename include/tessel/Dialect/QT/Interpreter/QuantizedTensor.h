//===- QuantizedTensor.h - runtime values of quantized types ----*- C++ -*-===//
//
// A quantized tensor's runtime value is its packed encoding (tessel-quant's
// packed file: codes at their bit width with their scales or block
// exponents); an accumulator type's (an integer !quant.uniform wider than 8
// bits) is its storage integers in the raw layout. These read them back.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_QT_INTERPRETER_QUANTIZEDTENSOR_H
#define TESSEL_DIALECT_QT_INTERPRETER_QUANTIZEDTENSOR_H

#include "tessel/Dialect/QT/IR/FormatOf.h"
#include "tessel/Interpreter/Tensor.h"
#include "tessel/Quant/TensorQuantizer.h"

#include "mlir/IR/Operation.h"

#include <vector>

namespace mlir::tessel::qt {

/// The encoding a packed runtime tensor holds; an error at `op` for bytes
/// that are not a packed tensor of `t`'s shape.
FailureOr<quant::EncodedTensor> encodingOf(Operation *op,
                                           const interp::Tensor &t);

/// The accumulator `elem` is, or nullopt for any other type; an error at
/// `op` for an accumulator with a zero point, which no kernel runs.
FailureOr<std::optional<AccumulatorOf>> accumulatorAt(Operation *op,
                                                      Type elem);

/// The storage integers of an accumulator tensor.
std::vector<int64_t> accumulatorIntegers(const interp::Tensor &t,
                                         const AccumulatorOf &acc);

/// For an integer format with zero points, the stored integers minus their
/// zero points (the integer images the values are multiples of); empty for
/// every other format.
FailureOr<std::vector<int32_t>>
integerImagesOf(Operation *op, const interp::Tensor &t,
                const quant::EncodedTensor &encoded);

/// The stored integers (zero points included) of a tensor of an 8-bit
/// integer !quant.uniform type, read from its packed encoding.
FailureOr<std::vector<int64_t>> storedIntegers(Operation *op,
                                               const interp::Tensor &t);

/// The packed encoding of a tensor of `type`, an 8-bit integer
/// !quant.uniform type, whose stored integers are `k`.
FailureOr<interp::Tensor> packStoredIntegers(Operation *op,
                                             RankedTensorType type,
                                             llvm::ArrayRef<int64_t> k);

/// The real values of a quantized or accumulator tensor.
FailureOr<std::vector<double>> decodeValues(Operation *op,
                                            const interp::Tensor &t);

} // namespace mlir::tessel::qt

#endif // TESSEL_DIALECT_QT_INTERPRETER_QUANTIZEDTENSOR_H
