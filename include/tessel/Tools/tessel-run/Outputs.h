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

#include "llvm/ADT/StringSet.h"

#include <string>

namespace mlir::tessel::run {

/// A file name for a value: its ONNX name with path separators and other
/// characters outside [A-Za-z0-9_.-] replaced by '_'.
std::string fileNameFor(llvm::StringRef name);

/// File names for values, distinct although their names may map to the
/// same file name ("a/b" and "a_b"): a repeated one gets "_2", "_3", ...
class FileNamer {
public:
  /// fileNameFor(name) + extension, made unique among this namer's names.
  std::string get(llvm::StringRef name, llvm::StringRef extension);

private:
  llvm::StringSet<> used;
};

/// ".tq" for quantized values, ".npy" for everything else.
std::string extensionFor(const interp::Tensor &t);

/// Writes `t` to `path`, whole or not at all, in the format extensionFor
/// names.
LogicalResult writeValue(llvm::StringRef path, const interp::Tensor &t,
                         std::string &error);

} // namespace mlir::tessel::run

#endif // TESSEL_TOOLS_TESSEL_RUN_OUTPUTS_H
