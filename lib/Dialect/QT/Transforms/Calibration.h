//===- Calibration.h - values an IR function takes on sample inputs -*- C++ -*-===//
//
// Runs a float function in the reference interpreter on calibration inputs
// (.npy files, or seeded random ones) and keeps, for each value asked for,
// a bounded sample of what it held, always including its extremes.
//
//===----------------------------------------------------------------------===//
#ifndef TESSEL_LIB_DIALECT_QT_TRANSFORMS_CALIBRATION_H
#define TESSEL_LIB_DIALECT_QT_TRANSFORMS_CALIBRATION_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <vector>

namespace mlir::tessel::qt {

struct CalibrationOptions {
  /// `file.npy` (for a function of one argument) or `name=file.npy`, the
  /// name an argument's onnx.name or argN; one run per file.
  std::vector<std::string> files;
  /// Runs on standard-normal inputs when `files` is empty.
  unsigned randomRuns = 4;
  unsigned seed = 0;
  /// Elements kept per value over all runs.
  size_t sampleSize = 1 << 18;
};

struct Samples {
  std::vector<float> values;
  double min = 0, max = 0;
  unsigned runs = 0;
};

/// Samples of each of `wanted` (results or arguments of `func`). Errors
/// are emitted at the function.
FailureOr<llvm::DenseMap<Value, Samples>>
calibrate(func::FuncOp func, llvm::ArrayRef<Value> wanted,
          const CalibrationOptions &options);

} // namespace mlir::tessel::qt

#endif // TESSEL_LIB_DIALECT_QT_TRANSFORMS_CALIBRATION_H
