//===- FormatStats.cpp - the error of each number format on a tensor ------===//

#include "tessel/Tools/tessel-quant/FormatStats.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::quanttool;
namespace q = mlir::tessel::quant;

const std::vector<std::string> &quanttool::defaultFormats() {
  static const std::vector<std::string> formats = {
      "int4",      "pot4",       "float4",     "flint4",     "ovpint4",
      "ovpflint4", "mxfp4_e2m1", "bfp4",       "int8",       "flint8",
      "ovpint8",   "mxint8",     "mxfp8_e4m3", "mxfp8_e5m2", "mxfp6_e3m2",
      "mxfp6_e2m3", "bfp8"};
  return formats;
}

/// ANT's types follow the data's sign: unsigned when no value is negative.
static std::string forData(const std::string &name, bool nonNegative) {
  for (const char *k : {"int", "pot", "float", "flint"})
    if (nonNegative && name.rfind(k, 0) == 0)
      return "u" + name;
  return name;
}

FailureOr<TensorStats>
quanttool::measureFormats(const NamedTensor &t,
                          llvm::ArrayRef<std::string> formats,
                          std::optional<int64_t> axis, std::string &error) {
  bool nonNegative = std::all_of(t.values.begin(), t.values.end(),
                                 [](float v) { return v >= 0; });
  TensorStats result;
  for (const std::string &base : formats) {
    std::string name = forData(base, nonNegative);
    auto f = q::TensorFormat::parse(name, error);
    if (!f)
      return failure();
    q::QuantizeOptions options;
    options.axis = axis;
    options.scaleSearch = f->hasScale();
    std::vector<int64_t> shape = t.shape;
    if (!f->hasScale() && axis) {
      // Blocks run within a channel: along the flattened dimensions after
      // the channel axis (a weight's reduction dimension).
      int64_t outer = 1, inner = 1;
      for (int64_t d = 0; d < int64_t(shape.size()); ++d)
        (d <= *axis ? outer : inner) *= shape[d];
      shape = {outer, inner};
      options.axis = 1;
    }
    q::Quantized quantized;
    if (!q::fakeQuantize(*f, t.values, shape, options, quantized, error)) {
      error = t.name + ": " + error;
      return failure();
    }
    result.rows.push_back({name, q::compareTensors(t.values, quantized.values)});
  }
  for (size_t i = 0; i < result.rows.size(); ++i) {
    llvm::StringRef n = result.rows[i].format;
    n.consume_front("u");
    if ((n == "int4" || n == "pot4" || n == "flint4") &&
        (!result.antChoice ||
         result.rows[i].stats.mse < result.rows[*result.antChoice].stats.mse))
      result.antChoice = i;
  }
  return result;
}
