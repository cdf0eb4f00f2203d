//===- Literal.h - compile-time tensors of the ONNX importer ----*- C++ -*-===//
//
// Small tensors whose values are known at import (initializers, Constant
// nodes, results of shape computations). They feed attributes such as a
// Reshape's shape and are folded through Shape/Gather/Concat/... chains, so
// models exported with dynamic shape arithmetic import with static shapes.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_TARGET_ONNX_LITERAL_H
#define TESSEL_LIB_TARGET_ONNX_LITERAL_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace mlir::tessel::onnx_import {

/// Literals are for shape arithmetic, not weights: tensors above this many
/// elements are never evaluated at import. (swin_t's shifted-window mask
/// is scattered with 49 x 49 x 2 indices at import.)
inline constexpr int64_t kMaxFoldElements = 1 << 14;

/// The largest dimension, stride, pad or size, and the most elements of one
/// tensor, that the importer accepts: shape arithmetic on accepted values
/// cannot overflow int64.
inline constexpr int64_t kMaxDim = (int64_t(1) << 31) - 1;
inline constexpr int64_t kMaxElements = int64_t(1) << 40;

/// Whether every dimension is in [0, kMaxDim] and the product at most
/// kMaxElements.
bool isBoundedShape(llvm::ArrayRef<int64_t> shape);

struct Literal {
  Type elementType;
  llvm::SmallVector<int64_t> shape;
  /// Values of integer and boolean tensors.
  std::vector<int64_t> ints;
  /// Values of floating-point tensors.
  std::vector<double> floats;

  bool isFloat() const { return isa<FloatType>(elementType); }
  int64_t numElements() const;
  double at(int64_t i) const { return isFloat() ? floats[i] : ints[i]; }
  int64_t intAt(int64_t i) const {
    return isFloat() ? static_cast<int64_t>(floats[i]) : ints[i];
  }
  /// Appends `v` converted to this literal's element type.
  void push(double v);
  RankedTensorType type() const {
    return RankedTensorType::get(shape, elementType);
  }
  /// The literal as a dense attribute of its type.
  DenseElementsAttr toAttr() const;
  /// Builds a literal from a dense attribute (non-float, non-integer fails).
  static std::optional<Literal> fromAttr(DenseElementsAttr attr);
};

/// Elementwise `fn` over numpy-broadcast literals; the result has element
/// type `resultType`. Fails when the shapes do not broadcast.
std::optional<Literal>
broadcastMap(llvm::ArrayRef<const Literal *> inputs, Type resultType,
             llvm::function_ref<double(llvm::ArrayRef<double>)> fn);

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

} // namespace mlir::tessel::onnx_import

#endif // TESSEL_LIB_TARGET_ONNX_LITERAL_H
