//===- Outputs.h - tessel-run's outputs: values written to files -*- C++ -*-===//
//
// Quantized values are written as their packed encoding (.tq, the layout of
// tessel-quant's packed files), accumulators as .npy of their storage
// integers, everything else as .npy.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_TOOLS_TESSEL_RUN_OUTPUTS_H
#define TESSEL_TOOLS_TESSEL_RUN_OUTPUTS_H

#include "tessel/Interpreter/Tensor.h"

#include <string>

namespace mlir::tessel::run {

/// A file name for a value: its ONNX name with path separators and other
/// characters outside [A-Za-z0-9_.-] replaced by '_'.
std::string fileNameFor(llvm::StringRef name);

/// ".tq" for quantized values, ".npy" for everything else.
std::string extensionFor(const interp::Tensor &t);

/// Writes `t` to `path` in the format extensionFor names.
LogicalResult writeValue(llvm::StringRef path, const interp::Tensor &t,
                         std::string &error);

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_OUTPUTS_H
