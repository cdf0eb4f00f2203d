//===- FormatStats.h - the error of each number format on a tensor -*- C++ -*-===//
#ifndef TESSEL_TOOLS_TESSEL_QUANT_FORMATSTATS_H
#define TESSEL_TOOLS_TESSEL_QUANT_FORMATSTATS_H

#include "tessel/Quant/TensorQuantizer.h"
#include "tessel/Tools/tessel-quant/TensorSources.h"

#include <optional>

namespace mlir::tessel::quanttool {

/// The formats `tessel-quant stats` measures by default.
const std::vector<std::string> &defaultFormats();

struct FormatError {
  std::string format;
  quant::ErrorStats stats;
};

struct TensorStats {
  /// One row per format, in the order asked; integer, PoT, float and flint
  /// formats take their unsigned variant on data with no negative value.
  std::vector<FormatError> rows;
  /// ANT's adaptive type: the 4-bit int, PoT or flint row of lowest MSE.
  std::optional<size_t> antChoice;
};

/// Fake-quantizes `t` in each of `formats` with a searched scale (per
/// channel along `axis` when given; block formats then block within each
/// channel) and measures the error.
FailureOr<TensorStats> measureFormats(const NamedTensor &t,
                                      llvm::ArrayRef<std::string> formats,
                                      std::optional<int64_t> axis,
                                      std::string &error);

} // namespace mlir::tessel::quanttool

#endif // TESSEL_TOOLS_TESSEL_QUANT_FORMATSTATS_H
