//===- Compare.h - tessel-run --compare: two values, two signatures -*- C++ -*-===//
//
// Translation validation runs a module and a reference on the same inputs
// and compares what they give bit for bit: a lowering is right when the
// values are identical, and where they are not, the first differing element
// and (for floats) the largest difference say how far apart they are.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_COMPARE_H
#define TESSEL_TOOLS_TESSEL_RUN_COMPARE_H

#include "tessel/Interpreter/Tensor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <optional>
#include <string>

namespace mlir::tessel::run {

/// How two values of one type differ. Integer and float elements (and
/// accumulators, by their storage integers) are compared one by one;
/// quantized values are packed encodings, compared byte by byte.
struct Difference {
  /// Differing elements (bytes of a packed encoding); 0 when bit-identical.
  int64_t count = 0;
  /// The first of them, as a flat index.
  int64_t first = 0;
  /// Whether elements are bytes of a packed encoding.
  bool packed = false;
  /// For float elements: the largest |a - b| over the differing elements
  /// neither of which is NaN, and how many had a NaN.
  std::optional<double> maxAbs;
  int64_t withNaN = 0;
};

/// Compares `a` with `b`, which have one type.
Difference compareValues(const interp::Tensor &a, const interp::Tensor &b);

/// One line about a difference: "3 of 8 elements differ, first at 5
/// [1, 1]: 2.5 vs 2 in the reference, max abs difference 0.5".
std::string describeDifference(const interp::Tensor &value,
                               const interp::Tensor &reference,
                               const Difference &d);

/// Checks that `ref` (from `refFile`) takes the arguments `func` (from
/// `file`) takes, by ONNX name with one type each (inputs are matched by
/// name), and gives the same results, by position with one name and type.
LogicalResult checkSameSignature(func::FuncOp func, llvm::StringRef file,
                                 func::FuncOp ref, llvm::StringRef refFile,
                                 std::string &error);

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_COMPARE_H
