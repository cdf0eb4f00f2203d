//===- Npy.h - NumPy .npy files ---------------------------------*- C++ -*-===//
//
// Reads and writes NumPy's .npy format (versions 1 to 3, C order, little
// endian) for the element types the interpreter computes with.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_SUPPORT_NPY_H
#define TESSEL_SUPPORT_NPY_H

#include "tessel/Interpreter/Tensor.h"

#include <string>

namespace mlir::tessel {

/// Parses an .npy file held in `buffer`; `error` says why it could not.
FailureOr<interp::Tensor> parseNpy(llvm::StringRef buffer, MLIRContext *ctx,
                                   std::string &error);

/// Reads the .npy file at `path`.
FailureOr<interp::Tensor> readNpy(llvm::StringRef path, MLIRContext *ctx,
                                  std::string &error);

/// Serializes `tensor` as an .npy file (format 1.0).
FailureOr<std::string> toNpy(const interp::Tensor &tensor, std::string &error);

/// Writes `tensor` to `path` whole, or not at all.
LogicalResult writeNpy(llvm::StringRef path, const interp::Tensor &tensor,
                       std::string &error);

} // namespace mlir::tessel

#endif // TESSEL_SUPPORT_NPY_H
