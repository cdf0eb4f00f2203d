//===- IntegerOperands.h - zero points on the array -------------*- C++ -*-===//
//
// The array multiplies signed int8 codes with zero point 0. A layer on
// 8-bit operands with zero points (ONNX's QLinear and Integer ops, QDQ
// models with uint8 activations) runs there exactly after three rewrites:
//
// - uint8 codes k stand for k - z; the int8 codes k - 128 stand for the same
//   value with zero point z - 128 (an exact shift on the host);
// - a constant weight's integers v = k - z_w are split into P int8 pieces
//   summing to v, stacked along the contracted dimension, the input repeated
//   P times along its own: sum_k x v = sum_k sum_p x v_p;
// - the input's zero point z_x moves into the bias:
//   sum_k (x - z_x) v = sum_k x v - z_x sum_k v, and a convolution is padded
//   with z_x on the host (the array pads with code 0).
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_CONVERSION_NNTOTILE_INTEGEROPERANDS_H
#define TESSEL_LIB_CONVERSION_NNTOTILE_INTEGEROPERANDS_H

#include "mlir/IR/Types.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::tessel {

/// The scales and zero points of an integer !quant.uniform type: one of
/// each, or one per index of `axis`.
struct IntegerFormat {
  SmallVector<double> scales;
  SmallVector<int64_t> zeros;
  int64_t axis = -1; ///< -1 per tensor
  bool isSigned = true;

  /// A per-tensor format's zero point once the codes are signed: z, or
  /// z - 128 for uint8 codes shifted to int8.
  int64_t signedZero() const { return zeros[0] - (isSigned ? 0 : 128); }
  /// Whether the codes are signed with zero point 0, as the array takes them.
  bool isArrayForm() const;
};

/// The format of `elem`, an integer !quant.uniform type of `width` bits;
/// failure with the reason for any other type.
FailureOr<IntegerFormat> integerFormat(Type elem, unsigned width,
                                       std::string &reason);

/// A constant weight as int8 pieces the array multiplies.
struct WeightPieces {
  /// P: how many int8 pieces each weight integer needs (1 when k - z fits).
  int64_t count = 1;
  /// The weight's shape with its contracted dimension P times as long.
  SmallVector<int64_t> shape;
  /// The pieces in that shape: piece p of element (..., c, ...) at
  /// (..., p * C + c, ...), each in [-128, 127], the P pieces summing to
  /// k - z and of its sign.
  std::vector<int8_t> codes;
  /// Per output channel n (and batch element of a batched weight, its
  /// index before n): sum over the contracted terms of k - z.
  std::vector<int64_t> channelSums;
  /// The largest sum over the contracted terms of |k - z| of a channel.
  int64_t maxAbsSum = 0;
};

/// Splits the weight integers `k` (row-major, `shape`) with `format`'s
/// zero points along `channelDim`. The product contracts `contractedDim`;
/// for a convolution (`conv`) also the kernel's spatial dimensions, for a
/// matrix product the dimensions in front of the last two are batch
/// dimensions.
WeightPieces splitWeight(ArrayRef<int64_t> k, ArrayRef<int64_t> shape,
                         const IntegerFormat &format, int64_t contractedDim,
                         int64_t channelDim, bool conv);

} // namespace mlir::tessel

#endif // TESSEL_LIB_CONVERSION_NNTOTILE_INTEGEROPERANDS_H
