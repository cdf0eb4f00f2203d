//===- WholeFile.h - files written whole or not at all ----------*- C++ -*-===//
#ifndef TESSEL_SUPPORT_WHOLEFILE_H
#define TESSEL_SUPPORT_WHOLEFILE_H

#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir::tessel {

/// Writes `contents` to `path`; on any failure (a full disk included) the
/// file is removed and `error` says why.
LogicalResult writeWholeFile(llvm::StringRef path, llvm::StringRef contents,
                             std::string &error);

} // namespace mlir::tessel

#endif // TESSEL_SUPPORT_WHOLEFILE_H
