//===- ConverterUtils.h - helpers of the ONNX op converters -----*- C++ -*-===//
#ifndef TESSEL_LIB_TARGET_ONNX_CONVERTERUTILS_H
#define TESSEL_LIB_TARGET_ONNX_CONVERTERUTILS_H

#include "GraphImporter.h"

#include "tessel/Dialect/NN/IR/NNOps.h"

namespace mlir::tessel::onnx_import {

inline constexpr int64_t kDyn = ShapedType::kDynamic;

inline LogicalResult bind(NodeContext &nc, FailureOr<Operation *> op) {
  if (failed(op))
    return failure();
  for (auto [i, r] : llvm::enumerate((*op)->getResults()))
    nc.setOutput(i, r);
  return success();
}

template <typename OpTy>
inline LogicalResult build(NodeContext &nc, ValueRange operands,
                           llvm::ArrayRef<NamedAttribute> attrs = {},
                           unsigned numResults = 1) {
  auto op = nc.createOp<OpTy>(operands, attrs, numResults);
  if (failed(op))
    return failure();
  return bind(nc, op->getOperation());
}

inline LogicalResult rejectUsedOutputs(NodeContext &nc, unsigned from) {
  for (unsigned i = from; i < static_cast<unsigned>(nc.node.output_size()); ++i)
    if (nc.outputUsed(i))
      return nc.error("output " + llvm::Twine(i) + " ('" + nc.node.output(i) +
                      "') is not supported (inference only)");
  return success();
}

inline LogicalResult requireStatic(NodeContext &nc, RankedTensorType t,
                                   llvm::StringRef what) {
  if (t.hasStaticShape())
    return success();
  return nc.error(what + " needs a static input shape; pin the graph inputs "
                         "with --input-shape");
}

/// Fails unless every value of attribute/input `what` is in [lo, hi].
inline LogicalResult checkRange(NodeContext &nc, llvm::ArrayRef<int64_t> values,
                                llvm::StringRef what, int64_t lo, int64_t hi) {
  for (int64_t v : values)
    if (v < lo || v > hi)
      return nc.error(what + " value " + llvm::Twine(v) + " is outside [" +
                      llvm::Twine(lo) + ", " + llvm::Twine(hi) + "]");
  return success();
}

/// The values of the listed inputs that are present, in order.
inline llvm::SmallVector<Value> presentInputs(NodeContext &nc,
                                              llvm::ArrayRef<unsigned> idx) {
  llvm::SmallVector<Value> v;
  for (unsigned i : idx)
    if (nc.hasInput(i))
      v.push_back(nc.input(i));
  return v;
}

/// Per-category converter tables (ConvConverters.cpp, ...).
void addConvConverters(llvm::StringMap<Converter> &table);
void addElementwiseConverters(llvm::StringMap<Converter> &table);
void addMovementConverters(llvm::StringMap<Converter> &table);

} // namespace mlir::tessel::onnx_import

#endif // TESSEL_LIB_TARGET_ONNX_CONVERTERUTILS_H
