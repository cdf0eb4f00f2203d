//===- IntegerOperands.cpp - zero points and unsigned codes on the array --===//

#include "IntegerOperands.h"

#include "tessel/Dialect/QT/IR/FormatOf.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>

using namespace mlir;
using namespace mlir::tessel;
namespace mq = mlir::quant;

bool IntegerFormat::isArrayForm() const {
  return isSigned && llvm::all_of(zeros, [](int64_t z) { return z == 0; });
}

FailureOr<IntegerFormat> mlir::tessel::integerFormat(Type elem, unsigned width,
                                                     std::string &reason) {
  auto q = dyn_cast<mq::QuantizedType>(elem);
  if (!q ||
      !isa<mq::UniformQuantizedType, mq::UniformQuantizedPerAxisType>(q)) {
    llvm::raw_string_ostream(reason)
        << "'" << elem << "' is not an integer !quant.uniform type";
    return failure();
  }
  if (q.getStorageTypeIntegralWidth() != width) {
    llvm::raw_string_ostream(reason)
        << "'" << elem << "' is not " << width << "-bit";
    return failure();
  }
  IntegerFormat f;
  f.isSigned = q.isSigned();
  if (auto t = dyn_cast<mq::UniformQuantizedType>(q)) {
    f.scales.push_back(t.getScale());
    f.zeros.push_back(t.getZeroPoint());
    return f;
  }
  auto t = cast<mq::UniformQuantizedPerAxisType>(q);
  f.scales.assign(t.getScales().begin(), t.getScales().end());
  f.zeros.assign(t.getZeroPoints().begin(), t.getZeroPoints().end());
  f.axis = t.getQuantizedDimension();
  return f;
}

namespace {
int64_t ceilDiv(int64_t a, int64_t b) { return a <= 0 ? 0 : (a + b - 1) / b; }
} // namespace

WeightPieces mlir::tessel::splitWeight(ArrayRef<int64_t> k,
                                       ArrayRef<int64_t> shape,
                                       const IntegerFormat &format,
                                       int64_t contractedDim,
                                       int64_t channelDim, bool conv) {
  int64_t rank = shape.size();
  std::vector<int64_t> v(k.size());
  int64_t lo = 0, hi = 0;
  for (size_t i = 0; i < k.size(); ++i) {
    int64_t c = qt::channelAt(int64_t(i), shape, format.axis);
    v[i] = k[i] - format.zeros[format.zeros.size() == 1 ? 0 : c];
    lo = std::min(lo, v[i]);
    hi = std::max(hi, v[i]);
  }
  WeightPieces w;
  w.count = std::max<int64_t>({1, ceilDiv(hi, 127), ceilDiv(-lo, 128)});
  w.shape.assign(shape.begin(), shape.end());
  w.shape[contractedDim] *= w.count;
  w.codes.resize(v.size() * w.count);

  // The dimensions a channel sum keeps: the channel, and a matrix
  // product's batch dimensions.
  llvm::SmallVector<bool> kept(rank, false);
  kept[channelDim] = true;
  if (!conv)
    for (int64_t d = 0; d + 2 < rank; ++d)
      kept[d] = true;
  int64_t keys = 1;
  for (int64_t d = 0; d < rank; ++d)
    if (kept[d])
      keys *= shape[d];
  w.channelSums.assign(keys, 0);
  std::vector<int64_t> absSums(keys, 0);

  int64_t contracted = shape[contractedDim], inner = 1;
  for (int64_t d = contractedDim + 1; d < rank; ++d)
    inner *= shape[d];
  llvm::SmallVector<int64_t> at(rank, 0);
  for (size_t i = 0; i < v.size(); ++i) {
    int64_t key = 0;
    for (int64_t d = 0; d < rank; ++d)
      if (kept[d])
        key = key * shape[d] + at[d];
    w.channelSums[key] += v[i];
    absSums[key] += std::abs(v[i]);
    // Pieces of the value's sign, largest first: P of them always suffice.
    int64_t outer = int64_t(i) / (contracted * inner),
            c = int64_t(i) / inner % contracted, in = int64_t(i) % inner;
    int64_t rest = v[i];
    for (int64_t p = 0; p < w.count; ++p) {
      int64_t piece = std::clamp<int64_t>(rest, -128, 127);
      rest -= piece;
      w.codes[((outer * w.count + p) * contracted + c) * inner + in] =
          int8_t(piece);
    }
    for (int64_t d = rank - 1; d >= 0 && ++at[d] == shape[d]; --d)
      at[d] = 0;
  }
  w.maxAbsSum = absSums.empty() ? 0 : *llvm::max_element(absSums);
  return w;
}
