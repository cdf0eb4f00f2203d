//===- NNShapes.h - shape rules shared by nn ops and the importer -*- C++ -*-===//
//
// Plain shape arithmetic with ONNX semantics. Dynamic dimensions are
// ShapedType::kDynamic and propagate. Each function returns failure with a
// message in `error` so callers decide how to report it.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_DIALECT_NN_IR_NNSHAPES_H
#define TESSEL_DIALECT_NN_IR_NNSHAPES_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace mlir::tessel::nn {

using Shape = llvm::SmallVector<int64_t, 6>;

/// Numpy multidirectional broadcast of two shapes.
llvm::LogicalResult broadcastShapes(llvm::ArrayRef<int64_t> a,
                                    llvm::ArrayRef<int64_t> b, Shape &result,
                                    std::string &error);

/// Whether `from` broadcasts unidirectionally to `to`.
bool isUnidirectionalBroadcastable(llvm::ArrayRef<int64_t> from,
                                   llvm::ArrayRef<int64_t> to);

/// Output size of one spatial dimension of a window operation (conv, pool).
/// `ceilMode` applies the pooling rule that the last window must start inside
/// the input or the begin padding.
llvm::LogicalResult windowOutputSize(int64_t in, int64_t kernel, int64_t stride,
                                     int64_t padBegin, int64_t padEnd,
                                     int64_t dilation, bool ceilMode,
                                     int64_t &out, std::string &error);

/// Checks the lengths and values of window attributes for `spatial` dims.
llvm::LogicalResult checkWindowAttrs(size_t spatial,
                                     llvm::ArrayRef<int64_t> strides,
                                     llvm::ArrayRef<int64_t> pads,
                                     llvm::ArrayRef<int64_t> dilations,
                                     std::string &error);

/// Numpy matmul result shape (1-D promotion, broadcast batch dims).
llvm::LogicalResult matmulShape(llvm::ArrayRef<int64_t> a,
                                llvm::ArrayRef<int64_t> b, Shape &result,
                                std::string &error);

/// Normalizes `axis` in [-rank, rank) to [0, rank).
llvm::LogicalResult normalizeAxis(int64_t axis, int64_t rank, int64_t &result,
                                  std::string &error);

} // namespace mlir::tessel::nn

#endif // TESSEL_DIALECT_NN_IR_NNSHAPES_H
