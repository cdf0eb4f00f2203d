//===- NNShapes.cpp - shape rules shared by nn ops and the importer ------===//

#include "tessel/Dialect/NN/IR/NNShapes.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::tessel;
using namespace mlir::tessel::nn;

static constexpr int64_t kDyn = ShapedType::kDynamic;

static std::string shapeStr(ArrayRef<int64_t> s) {
  std::string r = "[";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i)
      r += ", ";
    r += s[i] == kDyn ? std::string("?") : std::to_string(s[i]);
  }
  return r + "]";
}

LogicalResult nn::broadcastShapes(ArrayRef<int64_t> a, ArrayRef<int64_t> b,
                                  Shape &result, std::string &error) {
  size_t rank = std::max(a.size(), b.size());
  result.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da == 1)
      result[i] = db;
    else if (db == 1 || da == db)
      result[i] = da;
    else if (da == kDyn)
      result[i] = db;
    else if (db == kDyn)
      result[i] = da;
    else {
      error = llvm::formatv("shapes {0} and {1} are not broadcast-compatible",
                            shapeStr(a), shapeStr(b));
      return failure();
    }
  }
  return success();
}

bool nn::isUnidirectionalBroadcastable(ArrayRef<int64_t> from,
                                       ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t off = to.size() - from.size();
  for (size_t i = 0; i < from.size(); ++i)
    if (from[i] != 1 && from[i] != to[off + i] && from[i] != kDyn &&
        to[off + i] != kDyn)
      return false;
  return true;
}

LogicalResult nn::windowOutputSize(int64_t in, int64_t kernel, int64_t stride,
                                   int64_t padBegin, int64_t padEnd,
                                   int64_t dilation, bool ceilMode,
                                   int64_t &out, std::string &error) {
  if (in == kDyn) {
    out = kDyn;
    return success();
  }
  int64_t window = dilation * (kernel - 1) + 1;
  int64_t span = in + padBegin + padEnd - window;
  if (span < 0) {
    error = llvm::formatv("window of extent {0} does not fit the padded input "
                          "extent {1}",
                          window, in + padBegin + padEnd);
    return failure();
  }
  out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
  // A ceil-mode window that starts in the end padding covers no input.
  if (ceilMode && (out - 1) * stride >= in + padBegin)
    --out;
  return success();
}

LogicalResult nn::checkWindowAttrs(size_t spatial, ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> pads,
                                   ArrayRef<int64_t> dilations,
                                   std::string &error) {
  if (strides.size() != spatial || dilations.size() != spatial ||
      pads.size() != 2 * spatial) {
    error = llvm::formatv(
        "expects {0} strides, {0} dilations and {1} pads for {0} spatial "
        "dimensions, got {2}, {3} and {4}",
        spatial, 2 * spatial, strides.size(), dilations.size(), pads.size());
    return failure();
  }
  for (int64_t s : strides)
    if (s < 1) {
      error = "strides must be positive";
      return failure();
    }
  for (int64_t d : dilations)
    if (d < 1) {
      error = "dilations must be positive";
      return failure();
    }
  for (int64_t p : pads)
    if (p < 0) {
      error = "pads must be non-negative";
      return failure();
    }
  return success();
}

LogicalResult nn::matmulShape(ArrayRef<int64_t> a, ArrayRef<int64_t> b,
                              Shape &result, std::string &error) {
  if (a.empty() || b.empty()) {
    error = "matmul operands must have rank at least 1";
    return failure();
  }
  Shape pa(a), pb(b);
  bool aVec = a.size() == 1, bVec = b.size() == 1;
  if (aVec)
    pa.insert(pa.begin(), 1);
  if (bVec)
    pb.push_back(1);
  int64_t k1 = pa.back(), k2 = pb[pb.size() - 2];
  if (k1 != k2 && k1 != kDyn && k2 != kDyn) {
    error = llvm::formatv("contracting dimensions differ: {0} has {1}, {2} "
                          "has {3}",
                          shapeStr(a), k1, shapeStr(b), k2);
    return failure();
  }
  Shape batch;
  if (failed(broadcastShapes(ArrayRef<int64_t>(pa).drop_back(2),
                             ArrayRef<int64_t>(pb).drop_back(2), batch, error)))
    return failure();
  result = batch;
  if (!aVec)
    result.push_back(pa[pa.size() - 2]);
  if (!bVec)
    result.push_back(pb.back());
  return success();
}

LogicalResult nn::normalizeAxis(int64_t axis, int64_t rank, int64_t &result,
                                std::string &error) {
  if (axis < -rank || axis >= rank) {
    error = llvm::formatv("axis {0} is out of range for rank {1}", axis, rank);
    return failure();
  }
  result = axis < 0 ? axis + rank : axis;
  return success();
}
