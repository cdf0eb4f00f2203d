//===- FormatOf.h - the codec a quantized element type names ----*- C++ -*-===//
//
// One answer, for qt's types and upstream !quant.uniform alike, to "which
// format, scales, axis and rounding does this element type stand for": the
// interpreter's kernels, the nn verifiers and the quantization pass share it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_QT_IR_FORMATOF_H
#define TESSEL_DIALECT_QT_IR_FORMATOF_H

#include "tessel/Quant/TensorQuantizer.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace mlir::tessel::qt {

/// Whether `t` is a quantized element type (a qt type or a !quant one).
bool isQuantizedElement(Type t);

struct FormatOf {
  quant::TensorFormat format;
  quant::Rounding rounding = quant::Rounding::TiesEven;
  /// One scale (per tensor) or one per index of `axis`; empty for block
  /// formats.
  llvm::SmallVector<double> scales;
  /// The per-channel axis, or the axis blocks run along; -1 for a
  /// per-tensor scale or blocks along the last axis.
  int64_t axis = -1;
  /// Integer formats' zero points, one per scale; empty when all are 0.
  /// A stored integer k stands for (k - zero point) x scale.
  llvm::SmallVector<int64_t> zeroPoints;

  bool isBlock() const { return !format.hasScale(); }
  /// The codec's options with this type's fixed scales.
  quant::QuantizeOptions options() const;
};

/// The format `elem` names. Fails with `error` for a type that is not
/// quantized or that no codec supports.
FailureOr<FormatOf> formatOf(Type elem, std::string &error);

/// The !quant.uniform element type of `bits`-bit integers (signed or not)
/// over f32 with `scales` and `zeroPoints` (empty: all 0): per tensor for
/// one scale when axis < 0, else per axis. Null when a scale is not
/// positive and finite or a zero point is outside the storage range.
Type uniformQuantizedType(MLIRContext *ctx, unsigned bits, bool isSigned,
                          llvm::ArrayRef<double> scales,
                          llvm::ArrayRef<int64_t> zeroPoints, int64_t axis);

/// The element type standing for `format` with `scales` (one, or one per
/// index of `axis`; none for block formats, whose blocks run along `axis`):
/// !quant.uniform for the integer formats, else the qt type. Null with
/// `error` for a format no type names (ANT's float).
Type elementTypeFor(MLIRContext *ctx, const quant::TensorFormat &format,
                    llvm::ArrayRef<double> scales, int64_t axis,
                    std::string &error);

/// The index along `axis` of the element at row-major index `i` of a tensor
/// of `shape` (0 when axis < 0: one group).
int64_t channelAt(int64_t i, llvm::ArrayRef<int64_t> shape, int64_t axis);

/// The plain integer type the codes of `elem`, a !quant quantized type,
/// are stored in (`iN` for signed storage, `uiN` for unsigned); null for any
/// other type.
IntegerType storageIntegerType(Type elem);

/// An integer !quant.uniform type wider than 8 bits: an accumulator (or a
/// bias in an accumulator's scale). Its runtime value is its storage
/// integers in the raw layout, not a packed code stream.
struct AccumulatorOf {
  IntegerType storage;
  llvm::SmallVector<double> scales;
  int64_t axis = -1;
  /// Whether every zero point is 0 (the only form the kernels accept).
  bool symmetric = true;
  /// The scale of the element at row-major index `i` of a tensor of `shape`.
  double scaleAt(int64_t i, llvm::ArrayRef<int64_t> shape) const;
};
std::optional<AccumulatorOf> accumulatorOf(Type elem);

} // namespace mlir::tessel::qt

#endif // TESSEL_DIALECT_QT_IR_FORMATOF_H
